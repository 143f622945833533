import { forbidden, unauthenticated, type Caller } from '@hsg/core';
import type { BaseContext } from './loaders';

export type Agency = Extract<Caller, { kind: 'agency' }>;

/** The agency behind a write, holding `scope`; anyone else is refused with what is missing. */
export function requireScope(ctx: BaseContext, scope: string): Agency {
  const caller = ctx.request.caller;
  if (caller.kind !== 'agency')
    throw unauthenticated(`Writing needs an agency token with the "${scope}" scope: send "Authorization: Bearer <token>".`);
  if (!caller.scopes.includes(scope)) {
    throw forbidden(`This needs the "${scope}" scope; the token's scopes are ${caller.scopes.map((s) => `"${s}"`).join(', ') || 'none'}.`);
  }
  return caller;
}

/** Refuses a write for a region outside the agency's jurisdiction (an agency for 440100 may write for 440115, not 440300). */
export function requireRegion(ctx: BaseContext, agency: Agency, regionId: string): void {
  if (!agency.regions.some((r) => ctx.regions.contains(r, regionId))) {
    throw forbidden(`Region ${regionId} is outside the token's jurisdiction (${agency.regions.join(', ') || 'no regions'}).`);
  }
}
