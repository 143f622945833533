import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/common';
import { createContext, type RegionsContext } from './loaders';
import { Region } from './region';
import { buildRegionsSchema } from './schema';
import { regionsSeedPlan } from './seed';

export const subgraph: SubgraphDefinition<RegionsContext> = {
  name: 'regions',
  entities: [Region],
  buildSchema: buildRegionsSchema,
  createContext,
  seedPlan: regionsSeedPlan,
};

export { Region };
