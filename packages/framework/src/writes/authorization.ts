import { GraphQLError } from 'graphql';
import type { AgencyCaller, Scope } from '@hsg/core';
import type { BaseContext } from '../persistence/loaders';

/** What the checks read off a resolver's context: who is asking, and what "within a region" means. */
export type AuthorizationContext = Pick<BaseContext, 'request' | 'regions'>;

const list = (items: readonly string[]) => (items.length ? items.join(', ') : '(none)');

/** The agency behind the request; an anonymous request gets UNAUTHENTICATED (writes need a token, reads do not). */
export function requireAgency(ctx: AuthorizationContext): AgencyCaller {
  const { caller } = ctx.request;
  if (caller.kind === 'agency') return caller;
  throw new GraphQLError(
    'This operation changes the graph and needs an agency token: send "Authorization: Bearer <token>". ' +
      'For local use, mint one with `npm run -s token -- --agency <id> --scopes <a,b> --regions <id,id>`.',
    { extensions: { code: 'UNAUTHENTICATED' } },
  );
}

/** The agency, if its token grants `scope`; else FORBIDDEN naming the scopes it has and the one needed. */
export function requireScope(ctx: AuthorizationContext, scope: Scope): AgencyCaller {
  const agency = requireAgency(ctx);
  if (agency.scopes.includes(scope)) return agency;
  throw new GraphQLError(`The token's scopes are ${list(agency.scopes)}; this needs ${scope}.`, {
    extensions: { code: 'FORBIDDEN', needed: scope, scopes: agency.scopes },
  });
}

/**
 * The agency, if `regionId` lies within its jurisdiction (a token for 440100 covers 440115, not
 * 440300; a named area covers its member divisions); else FORBIDDEN naming both.
 */
export function requireRegion(ctx: AuthorizationContext, regionId: string): AgencyCaller {
  const agency = requireAgency(ctx);
  if (agency.regions.some((covered) => ctx.regions.contains(covered, regionId))) return agency;
  throw new GraphQLError(`The token covers regions ${list(agency.regions)}; ${regionId} is outside it.`, {
    extensions: { code: 'FORBIDDEN', regionId, regions: agency.regions },
  });
}
