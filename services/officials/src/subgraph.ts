import 'reflect-metadata';
import { type SubgraphDefinition } from '@hsg/framework';
import { createContext, type OfficialsContext } from './loaders';
import { Meeting } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';
import { buildOfficialsSchema } from './schema';
import { migrations } from './migrations';

export const subgraph: SubgraphDefinition<OfficialsContext> = {
  name: 'officials',
  entities: [Organization, Person, Post, Meeting],
  migrations,
  buildSchema: buildOfficialsSchema,
  createContext,
};

/** Its entities, for the packages that read their declarations (the search index, the seed checks). */
export { Meeting, Organization, Person, Post };
