import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/common';
import { Indicator } from './indicator';
import { createContext, type IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { Plan } from './plan';
import { buildIndicatorsSchema } from './schema';
import { indicatorsSeedPlan } from './seed';
import { Target } from './target';

export const subgraph: SubgraphDefinition<IndicatorsContext> = {
  name: 'indicators',
  entities: [Indicator, Observation, Plan, Target],
  buildSchema: buildIndicatorsSchema,
  createContext,
  seedPlan: indicatorsSeedPlan,
};
