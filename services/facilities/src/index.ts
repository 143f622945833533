import 'reflect-metadata';
import { runSubgraph } from '@hsg/common';
import { subgraph } from './server';

void runSubgraph(subgraph);
