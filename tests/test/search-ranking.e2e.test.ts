import 'reflect-metadata';
import { postGraphQL } from '@hsg/core';
import { normalize, type RunningSubgraph } from '@hsg/framework';
import { MAX_CANDIDATES, searchStatement } from '../../services/search/src/fts';
import { MAX_WORDS, searchWords } from '../../services/search/src/words';
import { rank, type Candidate } from './search-reference-ranking';
import { feedsFollowed, requestStatements, startStack, type Stack } from './stack';

/**
 * The search statement ranks in SQL; search-reference-ranking.ts's rank() over the spellings that contain every
 * word (read here from the table in id order, matched in memory, cut at MAX_CANDIDATES) is the
 * definition it must give, hit for hit.
 */
let stack: Stack;
let server: RunningSubgraph;
let terms: Candidate[];

beforeAll(async () => {
  // The search index is fed by the owners: the whole stack starts, and the search subgraph is asked directly.
  stack = await startStack();
  server = stack.subgraphs.search;
  await feedsFollowed(stack);
  terms = await server.dataSource.query('SELECT kind, "entityId", field, value, normalized, level FROM search_term ORDER BY id');
});
afterAll(() => stack?.stop());

const SEARCH = `query($text: String!, $first: Int!) { search(text: $text, first: $first) { score matchedField matchedText node { __typename
  ... on Region { id } ... on Facility { id } ... on Project { id } ... on Indicator { id } ... on Organization { id }
  ... on Person { id } ... on Designation { id } ... on Meeting { id } ... on Plan { id } } } }`;

async function search(text: string, first: number) {
  const res = await postGraphQL(server.url, SEARCH, { text, first });
  expect(res.errors).toBeUndefined();
  return res.data.search;
}

function expected(text: string, first: number) {
  const words = searchWords(text);
  const candidates = terms.filter((t) => words.every((w) => t.normalized.includes(w))).slice(0, MAX_CANDIDATES);
  return rank(normalize(text), words, candidates, first);
}

/** A fixed sequence of pseudo-random numbers, so a failure names a text that fails again. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

/** Texts cut from the seeds' own spellings: whole, prefixes, inner pieces, single characters, words apart and reordered. */
function sampleTexts(count: number): string[] {
  const next = random(20261202);
  const texts: string[] = [];
  const push = (text: string) => {
    // Only texts the API takes: a page of words at most, 50 letters at most.
    const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length <= MAX_WORDS && normalize(text).length <= 50) texts.push(text);
  };
  while (texts.length < count) {
    const t = terms[next(terms.length)];
    const chars = [...t.normalized];
    const from = next(chars.length);
    const to = from + 1 + next(Math.min(8, chars.length - from));
    const words = t.value.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const choice = next(6);
    if (choice === 0) push(t.value);
    else if (choice === 1) push(chars.slice(0, to).join(''));
    else if (choice === 2) push(chars.slice(from, to).join(''));
    else if (choice === 3) push(chars[from]);
    else if (words.length > 1) push([...words].reverse().join(' '));
    else push(`${chars.slice(0, 2).join('')} ${chars.slice(-3).join('')}`);
  }
  return texts;
}

test('the statement ranks exactly as rank(): hits, order, scores, matched spellings', async () => {
  const fixed = [
    'nansha',
    '南沙',
    '南沙区',
    'nsq',
    'Nan Sha',
    'guangzhou',
    'gz',
    'a',
    '广',
    '医院',
    '人民医院',
    'Shenzhen health commission',
    'commission health municipal shenzhen',
    'health commission of Shenzhen',
    'the',
    '深圳 卫生',
    '托育',
    'liu liqun',
    // Text that means something to LIKE, FTS5 or SQL is only letters once normalised.
    '100%',
    'a_b',
    "o'neil",
    '"nansha" OR qu',
    'nansha*',
    'NEAR(nan sha)',
    'AND OR NOT',
  ];
  const next = random(7);
  const texts = [...fixed, ...sampleTexts(150)];
  let compared = 0;
  for (const text of texts) {
    const first = 1 + next(50);
    const want = expected(text, first);
    expect({ text, first, hits: await search(text, first) }).toEqual({ text, first, hits: want });
    if (want.length) compared++;
  }
  // The samples come from the index, so nearly all find something to compare.
  expect(compared).toBeGreaterThan(texts.length - 10);
});

test('a text matching more than MAX_CANDIDATES spellings ranks the first of them in id order', async () => {
  for (const text of ['a', 'n', 'an']) {
    expect(terms.filter((t) => t.normalized.includes(normalize(text))).length).toBeGreaterThan(MAX_CANDIDATES);
    expect(await search(text, 50)).toEqual(expected(text, 50));
  }
});

test('ties at the page boundary are cut where rank() cuts them', async () => {
  // "nan shan" names dozens of townships alike (0.631 each): every page size splits the tie.
  for (const first of [4, 5, 9, 10, 27, 50]) expect(await search('nansha', first)).toEqual(expected('nansha', first));
});

test('one statement per search, and it returns the page only, however many spellings match', async () => {
  for (const [text, first] of [
    ['a', 10],
    ['nansha', 3],
    ['广', 50],
  ] as const) {
    const matches = terms.filter((t) => searchWords(text).every((w) => t.normalized.includes(w))).length;
    expect(matches).toBeGreaterThan(first * 10);
    server.counter.reset();
    await search(text, first);
    const { sql, parameters } = searchStatement(server.dataSource, normalize(text), searchWords(text), first);
    expect(requestStatements(server)).toEqual([sql]);
    const rows = await server.dataSource.query(sql, parameters);
    expect(rows).toHaveLength(first);
  }
});

test("entity ids sort in byte order as localeCompare sorts them, so the statement's last tie-break is rank()'s", () => {
  const ids = [...new Set(terms.map((t) => t.entityId))];
  expect(ids.length).toBeGreaterThan(40000);
  const bytes = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const locale = [...ids].sort((a, b) => a.localeCompare(b));
  expect(locale).toEqual(bytes);
});

test('typeahead weighs a region by its level: "guangz" finds 广州市 before 光泽县, and rank() agrees', async () => {
  const hits = (await search('guangz', 5)) as { node: { __typename: string; id: string }; matchedText: string }[];
  const regions = hits.filter((h) => h.node.__typename === 'Region').map((h) => [h.node.id, h.matchedText]);
  // 光泽's pinyin is shorter than Guangzhou (a better prefix match by length alone); a county weighs 0.9 of a prefecture.
  expect(regions.slice(0, 2)).toEqual([
    ['440100', 'Guangzhou'],
    ['350723', 'guang ze'],
  ]);
  expect(hits).toEqual(expected('guangz', 5));
});
