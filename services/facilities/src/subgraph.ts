import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/framework';
import { Designation } from './designation';
import { Facility } from './facility';
import { createContext, type FacilitiesContext } from './loaders';
import { Programme } from './programme';
import { Project } from './project';
import { buildFacilitiesSchema } from './schema';
import { migrations } from './migrations';

export const subgraph: SubgraphDefinition<FacilitiesContext> = {
  name: 'facilities',
  entities: [Facility, Designation, Project, Programme],
  migrations,
  buildSchema: buildFacilitiesSchema,
  createContext,
  providesRegionNames: true,
};

/** Its entities, for the packages that read their declarations (the search index, the seed checks). */
export { Designation, Facility, Programme, Project };
