import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { CitationResolver } from '../declarations/citation.resolver';
import type { ReferenceResolving } from './entity-resolver';
import { COST_DIRECTIVES, sizeConnections } from './cost-directives';
import { nullableAcrossSubgraphs } from './partial-results';

/** The Federation 2 header every subgraph SDL starts with; 2.9 is the first with the cost directives. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ${JSON.stringify(['@key', '@shareable', '@external', '@provides', ...COST_DIRECTIVES])})\n\n`;

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: type-graphql builds the
 * schema (without its own checks, since `@key` is not a directive it knows), the SDL is printed
 * with its directives (connection list sizes and partial-result nullability added, see
 * cost-directives.ts and partial-results.ts), and @apollo/subgraph rebuilds it with the federation
 * machinery, the type-graphql resolvers and the `__resolveReference` of every resolver built on
 * EntityResolver.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'resolvers'> & { resolvers: Function[] },
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    resolvers: [...(options.resolvers as Function[]), CitationResolver] as never,
    skipCheck: true,
  });
  const references = (options.resolvers as Partial<ReferenceResolving>[]).filter((r) => r.typeName && r.resolveReference);
  const typeDefs = nullableAcrossSubgraphs(
    sizeConnections(parse(FEDERATION_LINK + printSchemaWithDirectives(schema))),
    new Set(references.map((r) => r.typeName!)),
  );
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const resolver of references) {
    resolvers[resolver.typeName!] = {
      ...(resolvers[resolver.typeName!] as object),
      __resolveReference: resolver.resolveReference!,
    } as never;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
