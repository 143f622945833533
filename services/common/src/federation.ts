import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { CitationResolver } from './citation.resolver';
import type { ReferenceResolving } from './entity-resolver';

/** The Federation 2 header every subgraph SDL starts with. */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])\n\n';

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: type-graphql builds the
 * schema (without its own checks, since `@key` is not a directive it knows), the SDL is printed
 * with its directives, and @apollo/subgraph rebuilds it with the federation machinery, the
 * type-graphql resolvers and the `__resolveReference` of every resolver built on EntityResolver.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'resolvers'> & { resolvers: Function[] },
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    resolvers: [...(options.resolvers as Function[]), CitationResolver] as never,
    skipCheck: true,
  });
  const typeDefs = parse(FEDERATION_LINK + printSchemaWithDirectives(schema));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const resolver of options.resolvers as Partial<ReferenceResolving>[]) {
    if (!resolver.typeName || !resolver.resolveReference) continue;
    resolvers[resolver.typeName] = { ...(resolvers[resolver.typeName] as object), __resolveReference: resolver.resolveReference } as never;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
