import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '@hsg/common';
import { facilitiesSubgraph } from '@hsg/facilities';
import { indicatorsSubgraph } from '@hsg/indicators';
import { officialsSubgraph } from '@hsg/officials';
import { regionsSubgraph } from '@hsg/regions';
import { searchSubgraph } from '@hsg/search';
import { parse, printSchema } from 'graphql';

const SUBGRAPHS = {
  regions: regionsSubgraph,
  facilities: facilitiesSubgraph,
  indicators: indicatorsSubgraph,
  officials: officialsSubgraph,
  search: searchSubgraph,
};

export interface ComposedSchemas {
  /** One SDL per subgraph, as printed from its code. */
  subgraphs: Record<SubgraphName, string>;
  /** The supergraph the gateway plans queries with (subgraph URLs are the default local ports). */
  supergraph: string;
  /** The public API schema clients see and generate types from. */
  api: string;
}

/** Builds every subgraph's schema from code and composes them; composition errors are thrown together. */
export async function composeFromCode(): Promise<ComposedSchemas> {
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = printSubgraphSchema(await SUBGRAPHS[name].buildSchema());
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`, typeDefs: parse(subgraphs[name]) })),
  );
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return {
    subgraphs,
    supergraph: result.supergraphSdl,
    api: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}
