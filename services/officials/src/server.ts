import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@hsg/common';
import { createContext, type OfficialsContext } from './loaders';
import { Meeting } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';
import { buildOfficialsSchema } from './schema';
import { officialsSeedPlan } from './seed';

export const officialsSubgraph: SubgraphDefinition<OfficialsContext> = {
  name: 'officials',
  entities: [Organization, Person, Post, Meeting],
  buildSchema: buildOfficialsSchema,
  createContext,
  seedPlan: officialsSeedPlan,
};

/** Starts the officials subgraph; returns its URL and a `stop()`. */
export function start(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(officialsSubgraph, options);
}
