import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@hsg/common';
import { Designation } from './designation';
import { Facility } from './facility';
import { createContext, type FacilitiesContext } from './loaders';
import { Project } from './project';
import { buildFacilitiesSchema } from './schema';
import { facilitiesSeedPlan } from './seed';

export const facilitiesSubgraph: SubgraphDefinition<FacilitiesContext> = {
  name: 'facilities',
  entities: [Facility, Designation, Project],
  buildSchema: buildFacilitiesSchema,
  createContext,
  seedPlan: facilitiesSeedPlan,
};

/** Starts the facilities subgraph; returns its URL and a `stop()`. */
export function start(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(facilitiesSubgraph, options);
}
