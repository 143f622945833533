import { buildSchema, parse, validate, type ValidationContext } from 'graphql';
import {
  DEFAULT_LIMITS,
  gatewayEnvironment,
  limitValidationRules,
  subgraphEnvironment,
  supervisorEnvironment,
  truncateFields,
} from '@hsg/core';
import { encodeCursor, orderById, pageRequest } from '../src';

const schema = buildSchema('type Query { a: Int b(id: ID): Query }');

/** A fragment chain of `n` links: every fragment spreads the next twice, 2^n paths in all. */
const chain = (n: number) =>
  `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F${n} on Query { b { a } }`;

/** How many fragment lookups the limit rules make on a document (every rule reaches fragments through getFragment). */
function lookups(query: string): number {
  let count = 0;
  const counted = limitValidationRules(DEFAULT_LIMITS).map((rule) => (context: ValidationContext) => {
    const getFragment = context.getFragment.bind(context);
    context.getFragment = (name: string) => {
      count++;
      return getFragment(name);
    };
    return rule(context);
  });
  expect(validate(schema, parse(query), counted)).toEqual([]);
  return count;
}

test('the limit rules do linear work on the 2^20 fragment chain, not one step per path', () => {
  const ten = lookups(chain(10));
  const twenty = lookups(chain(20));
  expect(ten).toBeGreaterThan(0);
  // Twice the fragments, about twice the work (2^10 times the paths).
  expect(twenty).toBeLessThanOrEqual(2.2 * ten);
});

test('the limit rules report, with the variable to raise', () => {
  const messages = (query: string) =>
    validate(schema, parse(query), limitValidationRules({ ...DEFAULT_LIMITS, maxDepth: 3, maxRootFields: 2 })).map((e) => e.message);
  expect(messages('{ b { b { b { a } } } }')).toEqual([
    'Query depth limit of 3 exceeded, found 4. Split it into several queries. (MAX_QUERY_DEPTH)',
  ]);
  expect(messages('{ x: a y: a z: a }')).toEqual([
    'The operation asks for 3 root fields; the limit is 2. Split it into several requests. (MAX_ROOT_FIELDS)',
  ]);
  // Repeats of one response key merge, as in execution.
  expect(messages('{ a a ...F ...F } fragment F on Query { a }')).toEqual([]);
  expect(messages('mutation { a }')).toEqual(['This graph is read-only and has no mutations. Send a query instead.']);
});

test('cursors are parsed strictly: only what encodeCursor writes for this list', () => {
  const order = orderById('Project');
  const observations = { tag: 'Observation:period,id', keys: ['period', 'id'] };
  const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  expect(pageRequest({ after: encodeCursor(order, ['nansha-hospital']) }, order)).toEqual({ first: 20, after: ['nansha-hospital'], order });
  expect(pageRequest({ after: encodeCursor(observations, ['2020', 'x']), first: 5 }, observations).after).toEqual(['2020', 'x']);
  const refused = [
    raw('o:1'), // an offset cursor of the earlier scheme
    raw('["Project:id"]'), // no key
    raw('["Project:id","a","b"]'), // a key too many
    raw('["Facility:id","a"]'), // another list's cursor
    encodeCursor(observations, ['2020', 'x']), // another order's cursor
    raw('["Project:id",""]'),
    raw('["Project:id",{"a":1}]'),
    raw('["Project:id",1.5]'),
    raw('["Project:id",null]'),
    raw(`["Project:id","${'x'.repeat(201)}"]`), // a key longer than any id
    'x'.repeat(601), // huge
    encodeCursor(order, ['nansha-hospital']).slice(0, -3), // truncated
    `${encodeCursor(order, ['a'])}=`, // not canonical base64url
    'eyJ!', // not base64url
    raw('{"tag":"Project:id"}'),
  ];
  for (const bad of refused) {
    expect(() => pageRequest({ after: bad }, order)).toThrow(`"after" is not a cursor of this list: "${bad.slice(0, 100)}`);
  }
});

test('log fields are cut to LOG_MAX_FIELD_CHARS, errors included', () => {
  const long = 'x'.repeat(900_000);
  const cut = truncateFields({ operationName: long, nested: [{ err: new Error(long) }] }, 100) as any;
  expect(cut.operationName).toBe(`${'x'.repeat(100)}… (899900 more characters)`);
  expect(cut.nested[0].err.message).toBe(`${'x'.repeat(100)}… (899900 more characters)`);
  expect(JSON.stringify(cut).length).toBeLessThan(2000);
});

test('every limit and timeout is an environment variable, validated with its name', () => {
  const gateway = gatewayEnvironment({ MAX_COST: '500', MAX_QUERY_TOKENS: '2000', SUBGRAPH_TIMEOUT_MS: '1500' });
  expect(gateway).toMatchObject({
    maxCost: 500,
    subgraphTimeoutMs: 1500,
    readinessTimeoutMs: 2000,
    limits: { ...DEFAULT_LIMITS, maxTokens: 2000 },
  });
  expect(gatewayEnvironment({}).maxCost).toBe(20_000);
  expect(() => gatewayEnvironment({ MAX_COST: 'lots' })).toThrow(/MAX_COST="lots": must be a number/);
  expect(() => gatewayEnvironment({ SUBGRAPH_TIMEOUT_MS: '10' })).toThrow(/SUBGRAPH_TIMEOUT_MS="10": must be at least 100/);
  expect(() => gatewayEnvironment({ MAX_ALIASES: '1.5' })).toThrow(/MAX_ALIASES="1.5": must be a whole number/);
  expect(subgraphEnvironment('regions', { MAX_ENTITY_REPRESENTATIONS: '50' }, '/repo')).toMatchObject({
    maxEntityRepresentations: 50,
    limits: DEFAULT_LIMITS,
  });
  expect(() => subgraphEnvironment('regions', { MAX_BODY_BYTES: '10' }, '/repo')).toThrow(/MAX_BODY_BYTES="10": must be at least 1024/);
  expect(supervisorEnvironment({ RESTART_DELAY_MS: '250', LIVENESS_FAILURES: '5' })).toEqual({
    restartDelayMs: 250,
    restartMaxDelayMs: 30_000,
    livenessIntervalMs: 2000,
    livenessTimeoutMs: 2000,
    livenessFailures: 5,
  });
  expect(() => supervisorEnvironment({ RESTART_MAX_DELAY_MS: 'soon' })).toThrow(/RESTART_MAX_DELAY_MS/);
  expect(() => supervisorEnvironment({ LIVENESS_FAILURES: '0' })).toThrow(/LIVENESS_FAILURES="0": must be at least 1/);
  expect(subgraphEnvironment('facilities', { STATEMENT_TIMEOUT_MS: '1500' }, '/repo').deadlines).toEqual({
    statementMs: 1500,
    writeMs: 4000,
  });
  expect(() => subgraphEnvironment('facilities', { WRITE_TIMEOUT_MS: '0' }, '/repo')).toThrow(/WRITE_TIMEOUT_MS="0": must be at least 10/);
});
