import 'reflect-metadata';
import { postGraphQL } from '@hsg/core';
import type { RunningSubgraph } from '@hsg/framework';
import { searchStatement } from '../../services/search/src/fts';
import { feedsFollowed, requestStatements, startStack, type Stack } from './stack';

let stack: Stack;
let server: RunningSubgraph;

beforeAll(async () => {
  // The search index is fed by the owners: the whole stack starts, and the search subgraph is asked directly.
  stack = await startStack();
  server = stack.subgraphs.search;
  await feedsFollowed(stack);
});
afterAll(() => stack?.stop());

interface Hit {
  score: number;
  matchedField: string;
  matchedText: string;
  node: { __typename: string; id: string };
}

async function search(text: string, first = 10): Promise<Hit[]> {
  const res = await postGraphQL(
    server.url,
    `query($text: String!, $first: Int!) { search(text: $text, first: $first) {
      score matchedField matchedText node { __typename ... on Region { id } ... on Facility { id } ... on Project { id }
        ... on Indicator { id } ... on Organization { id } ... on Person { id } } } }`,
    { text, first },
  );
  expect(res.errors).toBeUndefined();
  return res.data.search;
}
const top = (hits: Hit[]) => `${hits[0]?.node.__typename}:${hits[0]?.node.id}`;

test('a Chinese substring finds the district first, then the places named after it', async () => {
  const hits = await search('南沙');
  expect(top(hits)).toBe('Region:440115');
  // An exact name scores 1, weighed by the region's level: 南沙区 is a county-level district (0.9).
  expect(hits[0]).toMatchObject({ score: 0.9, matchedField: 'SHORT_NAME', matchedText: '南沙' });
  expect(hits.map((h) => h.node.id)).toContain('gd-provincial-tcm-hospital-nansha');
  for (let i = 1; i < hits.length; i++) expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score);
});

test('pinyin, pinyin initials and English names find the same places', async () => {
  expect(top(await search('nansha'))).toBe('Region:440115');
  expect(top(await search('Nan Sha'))).toBe('Region:440115');
  expect(top(await search('panyu'))).toBe('Region:440113'); // 番 read pān in 番禺, not fān
  expect(top(await search('guangzhou'))).toBe('Region:440100');
  expect(top(await search('GUANGZHOU'))).toBe('Region:440100');
  expect((await search('gzs')).map((h) => h.node.id)).toEqual(expect.arrayContaining(['440100']));
  expect(top(await search('life expectancy'))).toBe('Indicator:life-expectancy');
});

test('people are found by name and by pinyin with the surname reading', async () => {
  expect(top(await search('刘利群'))).toBe('Person:liu-liqun');
  const [hit] = await search('liu liqun');
  expect(hit).toMatchObject({ node: { __typename: 'Person', id: 'liu-liqun' }, matchedField: 'PINYIN', matchedText: 'liu li qun' });
});

test('every searchable family can be hit', async () => {
  const kinds = new Set((await search('广州', 50)).map((h) => h.node.__typename));
  expect([...kinds]).toEqual(expect.arrayContaining(['Region', 'Facility', 'Project', 'Organization']));
  expect(top(await search('广州实验室'))).toBe('Facility:guangzhou-laboratory');
  expect(top(await search('卫生健康委员会'))).toMatch(/^Organization:/);
  expect((await search('人均预期寿命')).map((h) => h.node.id)).toContain('life-expectancy');
});

test('one search is one SQL statement, however many hits, served by the trigram index', async () => {
  server.counter.reset();
  await search('广州市', 50);
  expect(requestStatements(server)).toHaveLength(1);
  const [statement] = requestStatements(server);
  if (server.dataSource.options.type === 'sqlite') {
    expect(statement).toContain('search_fts');
    return;
  }
  // PostgreSQL: the plan uses the pg_trgm index once scanning the (small) table, in full or in
  // id order, is ruled out.
  const runner = server.dataSource.createQueryRunner();
  try {
    await runner.query('SET enable_seqscan = off');
    await runner.query('SET enable_indexscan = off');
    const { parameters } = searchStatement(server.dataSource, '广州市', ['广州市'], 50);
    const plan = (await runner.query(`EXPLAIN ${statement}`, parameters)) as { 'QUERY PLAN': string }[];
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('search_term_normalized_trgm');
  } finally {
    await runner.query('RESET enable_seqscan');
    await runner.query('RESET enable_indexscan');
    await runner.release();
  }
});

test('bad input is refused with BAD_USER_INPUT', async () => {
  const q = (text: string, first = 10) =>
    postGraphQL(server.url, `query($t: String!, $f: Int!) { search(text: $t, first: $f) { score } }`, { t: text, f: first });
  // Text with nothing but LIKE wildcards, FTS5 syntax or quotes has no letter left to search for.
  for (const res of [
    await q('  —— '),
    await q('%_%'),
    await q('"*" ()'),
    await q('x'.repeat(51)),
    await q('广州', 0),
    await q('广州', 51),
  ]) {
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
  expect((await q('这个词不在任何名字里')).data.search).toEqual([]);
});

test('types narrows the hits to the types asked, in SQL; a type search does not find is refused', async () => {
  const ask = (types: string[]) =>
    postGraphQL(
      server.url,
      `query($types: [String!]) { search(text: "nansha", first: 5, types: $types) { node { __typename ... on Facility { id } ... on Region { id } } } }`,
      { types },
    );
  const all = (await search('nansha', 5)).map((h) => h.node.__typename);
  // Without it the first five are regions (every township is in the index) …
  expect(all).toEqual(['Region', 'Region', 'Region', 'Region', 'Region']);
  // … with it, the facilities named after 南沙 come first.
  const facilities = await ask(['Facility']);
  expect(facilities.errors).toBeUndefined();
  const hits = facilities.data.search as { node: { __typename: string; id: string } }[];
  expect(hits).toHaveLength(5);
  for (const h of hits) expect(h.node.__typename).toBe('Facility');
  const both = await ask(['Facility', 'Region']);
  expect(both.errors).toBeUndefined();
  expect((both.data.search as { node: { id: string } }[]).map((h) => h.node.id)).toEqual(
    await search('nansha', 5).then((r) => r.map((h) => h.node.id)),
  );
  const regions = await ask(['Region']);
  expect(regions.errors).toBeUndefined();
  expect(regions.data.search).toHaveLength(5);
  const bad = await ask(['Hospital']);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(bad.errors?.[0].message).toMatch(/^"types" names no type search finds: Hospital\. Use Region, Facility/);
});
