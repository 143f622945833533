import 'reflect-metadata';
import { runSubgraph } from '@hsg/framework';
import { subgraph } from './subgraph';

void runSubgraph(subgraph);
