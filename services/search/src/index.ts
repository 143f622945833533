import 'reflect-metadata';
import { runSubgraph } from '@hsg/common';
import { searchSubgraph } from './server';

void runSubgraph(searchSubgraph);
