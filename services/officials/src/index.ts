import 'reflect-metadata';
import { runSubgraph } from '@hsg/common';
import { officialsSubgraph } from './server';

void runSubgraph(officialsSubgraph);
