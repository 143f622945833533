import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@hsg/common';
import { Indicator } from './indicator';
import { createContext, type IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { Plan } from './plan';
import { buildIndicatorsSchema } from './schema';
import { indicatorsSeedPlan } from './seed';
import { Target } from './target';

export const indicatorsSubgraph: SubgraphDefinition<IndicatorsContext> = {
  name: 'indicators',
  entities: [Indicator, Observation, Plan, Target],
  buildSchema: buildIndicatorsSchema,
  createContext,
  seedPlan: indicatorsSeedPlan,
};

/** Starts the indicators subgraph; returns its URL and a `stop()`. */
export function start(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(indicatorsSubgraph, options);
}
