import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/framework';
import { createContext, type RegionsContext } from './loaders';
import { Region } from './region';
import { buildRegionsSchema } from './schema';
import { migrations } from './migrations';

export const subgraph: SubgraphDefinition<RegionsContext> = {
  name: 'regions',
  entities: [Region],
  migrations,
  buildSchema: buildRegionsSchema,
  createContext,
};

/** Its entities, for the packages that read their declarations (the search index, the seed checks). */
export { Region };
