import 'reflect-metadata';
import { runSubgraph } from '@hsg/common';
import { facilitiesSubgraph } from './server';

void runSubgraph(facilitiesSubgraph);
