import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { createTokenVerifier, ensureKeyPair, JWKS_FILE, REPO_ROOT, signToken, type SigningKey, type TokenClaims } from '@hsg/core';
import { areaMembersPlan, RegionScope, requireAgency, requireRegion, requireScope, type AuthorizationContext } from '../src';

let dir: string;
let key: SigningKey;
let regions: RegionScope;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-authz-'));
  key = await ensureKeyPair(dir);
  // The named areas' members as the regions seed records them.
  const members = new Map<string, string[]>();
  for (const { areaId, memberId } of areaMembersPlan(path.join(REPO_ROOT, 'seeds'))[0].rows as { areaId: string; memberId: string }[]) {
    members.set(areaId, [...(members.get(areaId) ?? []), memberId]);
  }
  expect(members.get('greater-bay-area')).toContain('440300');
  regions = new RegionScope(members);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A resolver's context for a request carrying a real token, verified the way every server does. */
async function contextFor(claims: Partial<TokenClaims> | null): Promise<AuthorizationContext> {
  const authorization = claims
    ? `Bearer ${await signToken(key, { agency: 'guangzhou-health-commission', scopes: [], regions: [], expires: '1h', ...claims })}`
    : null;
  const caller = await createTokenVerifier({ jwksFile: path.join(dir, JWKS_FILE) })(authorization);
  return { request: { requestId: 'test', authorization, caller }, regions };
}

function errorOf(check: () => unknown): GraphQLError {
  try {
    check();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    return e as GraphQLError;
  }
  throw new Error('expected the check to refuse');
}

test('an anonymous request may read but not write: UNAUTHENTICATED, saying how to get a token', async () => {
  const anonymous = await contextFor(null);
  for (const check of [
    () => requireAgency(anonymous),
    () => requireScope(anonymous, 'facilities:write'),
    () => requireRegion(anonymous, '440115'),
  ]) {
    const e = errorOf(check);
    expect(e.extensions.code).toBe('UNAUTHENTICATED');
    expect(e.message).toMatch(/needs an agency token: send "Authorization: Bearer <token>"/);
  }
});

test('a scope outside the token is FORBIDDEN, naming the scopes it has and the one needed', async () => {
  const ctx = await contextFor({ scopes: ['indicators:write', 'officials:write'], regions: ['440100'] });
  expect(requireScope(ctx, 'indicators:write')).toMatchObject({ agency: 'guangzhou-health-commission' });
  const e = errorOf(() => requireScope(ctx, 'facilities:write'));
  expect(e.message).toBe("The token's scopes are indicators:write, officials:write; this needs facilities:write.");
  expect(e.extensions).toEqual({ code: 'FORBIDDEN', needed: 'facilities:write', scopes: ['indicators:write', 'officials:write'] });
  const none = await contextFor({ scopes: [], regions: ['440100'] });
  expect(errorOf(() => requireScope(none, 'officials:write')).message).toBe("The token's scopes are (none); this needs officials:write.");
});

test('the jurisdiction: a token for 440100 covers 440115 (南沙区) and 440100 itself, not 440300 or the province', async () => {
  const ctx = await contextFor({ scopes: ['facilities:write'], regions: ['440100'] });
  expect(requireRegion(ctx, '440115')).toMatchObject({ regions: ['440100'] });
  expect(requireRegion(ctx, '440100')).toMatchObject({ kind: 'agency' });
  for (const outside of ['440300', '440000', '440305', 'greater-bay-area']) {
    const e = errorOf(() => requireRegion(ctx, outside));
    expect(e.message).toBe(`The token covers regions 440100; ${outside} is outside it.`);
    expect(e.extensions).toEqual({ code: 'FORBIDDEN', regionId: outside, regions: ['440100'] });
  }
});

test('a province token covers its cities; a named area covers its member cities (the seed says which) and no others', async () => {
  const province = await contextFor({ regions: ['440000'] });
  expect(requireRegion(province, '440305')).toMatchObject({ kind: 'agency' });
  expect(errorOf(() => requireRegion(province, '450100')).message).toBe('The token covers regions 440000; 450100 is outside it.');

  const bayArea = await contextFor({ regions: ['greater-bay-area', '450100'] });
  expect(requireRegion(bayArea, '440305')).toMatchObject({ kind: 'agency' }); // 深圳 is a member, so its districts are in
  expect(requireRegion(bayArea, '450102')).toMatchObject({ kind: 'agency' }); // 南宁 is listed itself
  expect(errorOf(() => requireRegion(bayArea, '440500')).message).toBe(
    'The token covers regions greater-bay-area, 450100; 440500 is outside it.',
  ); // 汕头 is not in the bay area

  const noRegions = await contextFor({ regions: [] });
  expect(errorOf(() => requireRegion(noRegions, '440115')).message).toBe('The token covers regions (none); 440115 is outside it.');
});
