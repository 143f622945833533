import { watchOf } from '@hsg/framework';
import { startOwnersStack } from './owners-stack';
import type { Stack } from './stack';

/**
 * Writes that cannot wedge a subgraph: every text and list a write sends has a bound declared
 * with its field, checked before any database work; values are real (visible text, calendar
 * dates, ordered ranges, a value that agrees with its text); the largest record the bounds allow
 * is written while reads of the same subgraph go on; and a subgraph whose database work is stuck
 * reports itself wedged on /_health.
 */

let stack: Stack;
let gz: string; // Guangzhou's health commission: every write scope, region 440100
beforeAll(async () => {
  // Without the search subgraph, whose polls of the owners' change feeds would run statements in
  // facilities beside the requests whose statements are counted.
  stack = await startOwnersStack();
  gz = await stack.keys.token();
});
afterAll(() => stack?.stop());

type Answer = { status: number; body: { data?: any; errors?: { message: string; extensions?: any }[] } };

async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = gz): Promise<Answer> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const source = { title: '广州市卫生健康委员会关于新院区的通知', date: '2026-11-30' };
const CREATE_FACILITY = 'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id name version } }';
const RECORD_OBSERVATION = 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id period value valueText } }';
const facility = (id: string, record: Record<string, unknown> = {}) => ({
  input: { record: { id, name: '广州市测试医院', type: 'GENERAL_HOSPITAL', regionId: '440115', ...record }, source },
});
const observation = (id: string, record: Record<string, unknown>) => ({
  input: { record: { id, indicatorId: 'life-expectancy', regionId: '440100', period: '2025', valueText: '83.7', ...record }, source },
});

/** After every refusal: the subgraph is live and a facilities read through the gateway answers, at once. */
async function stillServing() {
  const started = Date.now();
  const health = await fetch(new URL('/_health', stack.subgraphs.facilities.url));
  expect(health.status).toBe(200);
  const read = await gql('{ facility(id: "gmu-first-affiliated-hospital") { name } }', {}, null);
  expect(read.body.errors).toBeUndefined();
  expect(read.body.data).toEqual({ facility: { name: '广州医科大学附属第一医院' } });
  expect(Date.now() - started).toBeLessThan(2000);
}

/** The refusal: BAD_USER_INPUT naming the field, with nothing written. */
async function refused(answer: Answer, field: string, message: string, id: string, typeName = 'facility') {
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toEqual([
    expect.objectContaining({ message: `${field}: ${message}`, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }),
  ]);
  const read = await gql(`{ ${typeName}(id: "${id}") { id } }`, {}, null);
  expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  await stillServing();
}

describe('a text over its bound is refused before any database work, naming the field and the bound', () => {
  test('a 300,000-character name (about 900 KB) is refused at once; the subgraph never starts on it', async () => {
    const before = stack.subgraphs.facilities.counter.count;
    const started = Date.now();
    const answer = await gql(CREATE_FACILITY, facility('big-name-1', { name: '医'.repeat(300_000) }));
    expect(Date.now() - started).toBeLessThan(3000);
    // Refused before the write's queue, transaction and statements: the subgraph ran none for it.
    expect(stack.subgraphs.facilities.counter.count).toBe(before);
    await refused(answer, 'input.record.name', 'must be at most 100 characters (got 300000)', 'big-name-1');
  });

  test.each([
    [
      'aliases',
      { aliases: Array.from({ length: 21 }, (_, i) => `别名${i}`) },
      'input.record.aliases',
      'must hold at most 20 items (got 21)',
    ],
    ['an alias', { aliases: ['医'.repeat(101)] }, 'input.record.aliases.0', 'must be at most 100 characters (got 101)'],
    ['nameEn', { nameEn: 'a'.repeat(301) }, 'input.record.nameEn', 'must be at most 300 characters (got 301)'],
    ['specialty', { specialty: '呼'.repeat(501) }, 'input.record.specialty', 'must be at most 500 characters (got 501)'],
    ['note', { note: '注'.repeat(2001) }, 'input.record.note', 'must be at most 2000 characters (got 2001)'],
    ['id', { id: `a${'-b'.repeat(60)}` }, 'input.record.id', 'must be at most 100 characters (got 121)'],
  ])('%s', async (_, record, field, message) => {
    const id = (record as { id?: string }).id ?? `over-bound-${field.replace(/\W/g, '-')}`;
    await refused(await gql(CREATE_FACILITY, facility(id, record)), field, message, id);
  });

  test('an update is bounded alike, and leaves the record as it was', async () => {
    const answer = await gql('mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { id } }', {
      input: { id: 'gmu-first-affiliated-hospital', expectedVersion: 1, changes: { name: '医'.repeat(101) }, source },
    });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: 'input.changes.name: must be at most 100 characters (got 101)',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.changes.name' }),
      }),
    ]);
    await stillServing();
  });
});

describe('text must be visible Unicode without control characters', () => {
  test.each([
    ['a NUL byte', '广州\u0000医院', 'must not hold control characters (such as a NUL byte)'],
    ['a lone surrogate', '广州医院\uD83D', 'must be well-formed Unicode text (it holds a lone surrogate)'],
    ['zero-width characters only', '\u200B\u200B\u200D', 'must show something: it is only white space or invisible characters'],
    ['white space only', '   \u3000', 'must show something: it is only white space or invisible characters'],
  ])('a name with %s is refused', async (what, name, message) => {
    const id = `bad-text-${what.replace(/\W+/g, '-')}`;
    await refused(await gql(CREATE_FACILITY, facility(id, { name })), 'input.record.name', message, id);
  });

  test('a name sent decomposed is stored composed (NFC)', async () => {
    const answer = await gql(CREATE_FACILITY, facility('nfc-name-test', { name: 'Cafe\u0301 医院' }));
    expect(answer.body.data).toEqual({ createFacility: { id: 'nfc-name-test', name: 'Café 医院', version: 1 } });
  });
});

describe('dates, periods and figures are real', () => {
  test.each([
    ['2025-02-30', 'must name real calendar months and days (2025-13 and 2025-02-30 do not exist)'],
    ['2025-13', 'must name real calendar months and days (2025-13 and 2025-02-30 do not exist)'],
    ['2030-2020', "must run forward: a range's start comes before its end (2016-2020, not 2020-2016)"],
  ])('an observation for period %s is refused', async (period, message) => {
    const id = `bad-period-${period}`;
    await refused(await gql(RECORD_OBSERVATION, observation(id, { period })), 'input.period', message, id, 'observation');
  });

  test('a value that disagrees with its text is refused; one that agrees is stored', async () => {
    const id = 'value-text-disagree';
    await refused(
      await gql(RECORD_OBSERVATION, observation(id, { value: 5, valueText: '9' })),
      'input.value',
      '5 is not the figure valueText states ("9" gives 9); send the two in agreement',
      id,
      'observation',
    );
    const agreeing = await gql(
      RECORD_OBSERVATION,
      observation('value-text-agree', { period: '2024-02-29', value: 27000, valueText: '2.7万' }),
    );
    expect(agreeing.body.data).toEqual({
      recordObservation: { id: 'value-text-agree', period: '2024-02-29', value: 27000, valueText: '2.7万' },
    });
  });

  test("a source's title must be visible text without control characters", async () => {
    const answer = await gql(CREATE_FACILITY, { input: { ...facility('bad-source-title').input, source: { title: '某通知\u0000' } } });
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'input.source.title: must not hold control characters (such as a NUL byte)',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.source.title' },
    });
  });

  test("a source's date must be a real one", async () => {
    const answer = await gql(CREATE_FACILITY, {
      input: { ...facility('bad-source-date').input, source: { title: '某通知', date: '2025-02-30' } },
    });
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'input.source.date: must be a real calendar date (the month 01-12, the day within the month)',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.source.date' },
    });
  });
});

test('the largest record the bounds allow is written while reads of the same subgraph answer, each within 2 s', async () => {
  const largest = facility('largest-allowed-record', {
    name: '医'.repeat(100),
    aliases: Array.from({ length: 20 }, (_, i) => `${'院'.repeat(97)}${String(i).padStart(3, '0')}`),
    nameEn: 'H'.repeat(300),
    specialty: '呼'.repeat(500),
    affiliation: '大'.repeat(500),
    note: '注'.repeat(2000),
  });
  const reads: number[] = [];
  let writing = true;
  const reader = async () => {
    while (writing) {
      const started = Date.now();
      const answer = await gql('{ facilities(filter: { search: "医院" }, first: 5) { totalCount nodes { id } } }', {}, null);
      expect(answer.body.errors).toBeUndefined();
      reads.push(Date.now() - started);
    }
  };
  const readers = Array.from({ length: 4 }, reader);
  const answer = await gql(CREATE_FACILITY, largest);
  writing = false;
  await Promise.all(readers);
  expect(answer.body.data).toEqual({ createFacility: { id: 'largest-allowed-record', name: '医'.repeat(100), version: 1 } });
  expect(reads.length).toBeGreaterThan(0);
  expect(Math.max(...reads)).toBeLessThan(2000);
  // Its one- and two-character search index is in step: found by a gram of its last alias.
  const found = await gql('{ facilities(filter: { search: "院019" }, first: 5) { nodes { id } } }', {}, null);
  expect(found.body.data.facilities.nodes).toEqual([{ id: 'largest-allowed-record' }]);
  await stillServing();
});

test('a subgraph whose statement is in flight past twice its deadline reports itself wedged on /_health, and live again once it ends', async () => {
  const watch = watchOf(stack.subgraphs.facilities.dataSource)!;
  const health = async () => {
    const res = await fetch(new URL('/_health', stack.subgraphs.facilities.url));
    return { status: res.status, body: (await res.json()) as { status: string; oldestStatementMs: number } };
  };
  expect(await health()).toEqual({ status: 200, body: { status: 'ok', oldestStatementMs: 0 } });
  // A statement the driver never returns from (the engine could not stop it), as the watch sees it.
  watch.started('SELECT stuck');
  await new Promise((r) => setTimeout(r, 2 * watch.deadlines.statementMs + 100));
  const wedged = await health();
  expect(wedged.status).toBe(503);
  expect(wedged.body.status).toBe('wedged');
  expect(wedged.body.oldestStatementMs).toBeGreaterThan(2 * watch.deadlines.statementMs);
  // Readiness is another question: the database still answers.
  expect((await fetch(new URL('/_readiness', stack.subgraphs.facilities.url))).status).toBe(200);
  watch.ended('SELECT stuck');
  expect(await health()).toEqual({ status: 200, body: { status: 'ok', oldestStatementMs: 0 } });
}, 20_000);
