import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@hsg/common';
import { createContext, type RegionsContext } from './loaders';
import { Region } from './region';
import { buildRegionsSchema } from './schema';
import { regionsSeedPlan } from './seed';

export const regionsSubgraph: SubgraphDefinition<RegionsContext> = {
  name: 'regions',
  entities: [Region],
  buildSchema: buildRegionsSchema,
  createContext,
  seedPlan: regionsSeedPlan,
};

/** Starts the regions subgraph; returns its URL and a `stop()`. */
export function start(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(regionsSubgraph, options);
}

export { Region };
