import 'reflect-metadata';
import { runSubgraph } from '@hsg/common';
import { indicatorsSubgraph } from './server';

void runSubgraph(indicatorsSubgraph);
