import 'reflect-metadata';
import { runSubgraph } from '@hsg/common';
import { regionsSubgraph } from './server';

void runSubgraph(regionsSubgraph);
