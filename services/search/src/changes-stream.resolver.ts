import { STREAM_PATH } from '@hsg/core';
import { edgeTypeOf } from '@hsg/framework';
import { GraphQLError } from 'graphql';
import { Arg, Resolver, Subscription, type PubSub } from 'type-graphql';
import { ChangeConnection, type ChangeEntry } from './changes.resolver';

const refusal = () =>
  new GraphQLError(`Subscribe at the gateway's ${STREAM_PATH} (GraphQL over Server-Sent Events).`, { extensions: { code: 'BAD_REQUEST' } });

/** type-graphql wants a PubSub wherever a subscription is declared; this subgraph publishes nothing. */
export const NO_PUB_SUB: PubSub = {
  publish: () => {},
  subscribe: () => {
    throw refusal();
  },
};

/**
 * `Subscription.changes` is declared here, beside `Query.changes`, so the composed schema holds it
 * and typed clients generate against it. The gateway serves it, by following `Query.changes`
 * through its own query path (gateway/src/stream/); Apollo Gateway executes no subscription, and
 * this subgraph serves none either, so subscribing here is refused before it runs.
 */
@Resolver()
export class ChangesStreamResolver {
  @Subscription(() => edgeTypeOf(ChangeConnection), {
    description: `The change feed as it grows, one event per change in feed order, each with its cursor: subscribe at the gateway's ${STREAM_PATH} (GraphQL over Server-Sent Events). Without \`after\` it starts at the latest change; with it (or the Last-Event-ID header on a reconnect) right after that position, so a client that kept the last cursor misses nothing and sees nothing twice.`,
    subscribe: () => {
      throw refusal();
    },
  })
  changes(
    @Arg('after', () => String, {
      nullable: true,
      description: 'Start right after this cursor (an `endCursor` of `Query.changes` or a `cursor` of an earlier event).',
    })
    _after: string | null,
    @Arg('types', () => [String], { nullable: true, description: 'Only writes to these types ("Facility", "Observation" …).' })
    _types: string[] | null,
  ): { cursor: string; node: ChangeEntry } {
    throw refusal();
  }
}
