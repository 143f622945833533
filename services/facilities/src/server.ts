import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/common';
import { Designation } from './designation';
import { Facility } from './facility';
import { createContext, type FacilitiesContext } from './loaders';
import { Project } from './project';
import { buildFacilitiesSchema } from './schema';
import { facilitiesSeedPlan } from './seed';

export const subgraph: SubgraphDefinition<FacilitiesContext> = {
  name: 'facilities',
  entities: [Facility, Designation, Project],
  buildSchema: buildFacilitiesSchema,
  createContext,
  seedPlan: facilitiesSeedPlan,
};
