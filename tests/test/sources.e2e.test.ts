import { REPO_ROOT, SUBGRAPHS } from '@hsg/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requestStatements, startStack, type Stack } from './stack';

/**
 * The five source texts as records of their own (`sources`, `source(id:)`), with what the seeds
 * say about each, and plans searched like the other named lists — through the gateway over the
 * real seeds.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const SEEDS = JSON.parse(readFileSync(path.join(REPO_ROOT, 'seeds', 'sources.json'), 'utf8')) as Record<string, unknown>[];

async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

async function data(query: string, variables: Record<string, unknown> = {}) {
  const { body } = await post(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}
const ids = (conn: { nodes: { id: string }[] }) => conn.nodes.map((n) => n.id);

/** A refusal: its HTTP status, code, the field it names and its message. */
async function refusal(query: string, variables: Record<string, unknown> = {}) {
  const { status, body } = await post(query, variables);
  const [error] = body.errors ?? [];
  return { status, code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
}

describe('sources', () => {
  test('lists the five texts in id order, with title and kind, in one statement', async () => {
    for (const s of Object.values(stack.subgraphs)) s.counter.reset();
    const { sources } = await data('{ sources { totalCount pageInfo { hasNextPage } nodes { id kind title } } }');
    expect(sources.totalCount).toBe(5);
    expect(sources.pageInfo.hasNextPage).toBe(false);
    expect(sources.nodes).toEqual([
      {
        id: '000',
        kind: 'NEWSPAPER',
        title:
          '广东省卫生健康委员会主管报纸2025年初一期：各地级以上市2024年卫生健康工作回顾及2025年展望；2025年全省卫生健康工作会议；广东卫生健康十大便民惠民行动',
      },
      {
        id: '001',
        kind: 'NEWSPAPER',
        title: '广东省卫生健康委员会主管报纸2024年新年特刊：焕发神采 高质量发展不停步（八省区市卫生健康委负责人回顾2023、展望2024）',
      },
      { id: '002', kind: 'PLAN', title: '广州市卫生健康事业发展“十四五”规划' },
      { id: '003', kind: 'NEWSPAPER', title: '广东省卫生健康委员会主管报纸 总第1255期（第8期）' },
      { id: '004', kind: 'NEWSPAPER', title: '广东省卫生健康委员会主管报纸2021年新年特刊：坚守百年初心 奋力谱写健康广东新华章' },
    ]);
    // One owner answers: the page, its rows and its count are one statement there, and no other subgraph is asked.
    const counts = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, requestStatements(stack.subgraphs[name]).length]));
    expect(counts).toEqual({ regions: 0, facilities: 0, indicators: 1, officials: 0, search: 0 });
  });

  test('the seeds agree: every seed source is listed with its title', async () => {
    const { sources } = await data('{ sources(first: 100) { nodes { id title titleEn publisher publishedOn file } } }');
    expect(sources.nodes).toEqual(
      SEEDS.map((s) => ({
        id: s.id,
        title: s.title,
        titleEn: s.titleEn,
        publisher: s.publisher,
        publishedOn: s.publishedOn,
        file: s.file,
      })),
    );
  });

  test('search finds an issue by its number, and the New-Year issues by the word', async () => {
    const { issue, newYear, english, publisher } = await data(`{
      issue: sources(filter: { search: "总第1255期" }) { totalCount nodes { id publishedOn } }
      newYear: sources(filter: { search: "新年" }) { nodes { id publishedOn } }
      english: sources(filter: { search: "new-year issue" }) { nodes { id } }
      publisher: sources(filter: { search: "广州市人民政府" }) { nodes { id kind } }
    }`);
    expect(issue).toEqual({ totalCount: 1, nodes: [{ id: '003', publishedOn: '2025-03-03' }] });
    expect(newYear.nodes).toEqual([
      { id: '001', publishedOn: '2024' },
      { id: '004', publishedOn: '2021' },
    ]);
    expect(ids(english)).toEqual(['001', '004']);
    expect(publisher.nodes).toEqual([{ id: '002', kind: 'PLAN' }]);
  });

  test('by kind, by year of publication, and composed', async () => {
    const { plans, of2025, newspapersNot2025, newYear2024 } = await data(`{
      plans: sources(filter: { kind: "PLAN" }) { nodes { id } }
      of2025: sources(filter: { published: { from: 2025, to: 2025 } }) { nodes { id publishedOn } }
      newspapersNot2025: sources(filter: { kind: "NEWSPAPER", not: { published: { from: 2025 } } }) { nodes { id } }
      newYear2024: sources(filter: { and: [{ search: "新年" }, { published: { from: 2024, to: 2024 } }] }) { nodes { id } }
    }`);
    expect(ids(plans)).toEqual(['002']);
    expect(of2025.nodes).toEqual([
      { id: '000', publishedOn: '2025' },
      { id: '003', publishedOn: '2025-03-03' },
    ]);
    expect(ids(newspapersNot2025)).toEqual(['001', '004']);
    expect(ids(newYear2024)).toEqual(['001']);
  });

  test('pages by cursor', async () => {
    const first = await data('{ sources(first: 2) { pageInfo { hasNextPage endCursor } nodes { id } } }');
    expect(ids(first.sources)).toEqual(['000', '001']);
    const next = await data('query($after: String) { sources(first: 2, after: $after) { nodes { id } } }', {
      after: first.sources.pageInfo.endCursor,
    });
    expect(ids(next.sources)).toEqual(['002', '003']);
  });

  test('source(id:) has how its date was settled, whether it was inferred, and the passages behind it', async () => {
    const { source } = await data(`{
      source(id: "002") { id kind title publisher publishedOn file dateNote inferred note citations { lines quote source { id } } }
    }`);
    expect(source).toEqual({
      id: '002',
      kind: 'PLAN',
      title: '广州市卫生健康事业发展“十四五”规划',
      publisher: '广州市人民政府',
      publishedOn: '2022',
      file: '002_6ff5060c94930f53.txt',
      dateNote:
        'The extracted text carries no title page, issuer or date. The title is reconstructed from the text (制定本规划; 表2 广州市“十四五”卫生健康主要指标). The plan covers 2021-2025 and mentions the three-child policy (announced May 2021), so it was issued late 2021 or 2022; 2022 and the municipal government as issuer are inferred, not printed.',
      inferred: true,
      note: null,
      citations: [
        { lines: '002:1', quote: '推动广州市卫生健康事业高质量发', source: { id: '002' } },
        { lines: '002:9-11', quote: '结合实际，制定本规划', source: { id: '002' } },
        { lines: '002:555', quote: '表2广州市“十四五”卫生健康主要指标', source: { id: '002' } },
        { lines: '002:1430-1432', quote: '组织实施好三孩生育政策', source: { id: '002' } },
      ],
    });
    // The one issue with a masthead was not inferred.
    const printed = await data('{ source(id: "003") { inferred dateNote } }');
    expect(printed.source.inferred).toBe(false);
    expect(printed.source.dateNote).toMatch(/^Masthead shows date, issue numbers/);
  });

  test("a citation's source carries the same facts in every subgraph", async () => {
    const { facility } = await data('{ facility(id: "baiyun-cdc") { citations { source { id file inferred } } } }');
    expect(facility.citations[0].source).toEqual({ id: '002', file: '002_6ff5060c94930f53.txt', inferred: true });
  });

  test('the records a source backs are its lists filtered by sourceId', async () => {
    const { plans } = await data('{ plans(filter: { sourceId: "003" }) { nodes { id } } }');
    expect(ids(plans)).toEqual(['gd-test-result-mutual-recognition']);
  });

  test('regions, people and organizations take sourceId too: what one issue names', async () => {
    const d = await data(`{
      plan: regions(filter: { sourceId: "002" }, first: 3) { totalCount nodes { id } }
      issue: regions(filter: { sourceId: "003" }, first: 50) { totalCount nodes { id } }
      people(filter: { sourceId: "003" }, first: 50) { totalCount nodes { name } }
      organizations(filter: { sourceId: "003" }, first: 50) { totalCount nodes { id } }
      codeListOnly: regions(filter: { sourceId: "003", source: CODE_LIST }) { totalCount }
    }`);
    // The Guangzhou plan names the city, its eleven districts and the places it singles out.
    expect(d.plan).toEqual({ totalCount: 27, nodes: [{ id: '440100' }, { id: '440103' }, { id: '440104' }] });
    expect(d.issue.totalCount).toBe(14);
    expect(ids(d.issue)).toEqual(expect.arrayContaining(['440000', '440300', '441900', 'foshan-liangjiang-pilot-zone']));
    expect(d.people.totalCount).toBe(10);
    expect(d.people.nodes.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['刘利群', '宋铁']));
    expect(d.organizations.totalCount).toBe(15);
    expect(ids(d.organizations)).toEqual(expect.arrayContaining(['gd-health-commission', 'national-disease-control-administration']));
    // A division only the code list gives cites no text.
    expect(d.codeListOnly.totalCount).toBe(0);
  });
});

// Refused as every argument error is (docs/errors.md): 200, the field null with its error, the rest answered.
describe('hostile input is refused before any SQL', () => {
  test('an unknown source is NOT_FOUND, a malformed id BAD_USER_INPUT', async () => {
    expect(await refusal('{ source(id: "009") { id } }')).toEqual({
      status: 200,
      code: 'NOT_FOUND',
      field: undefined,
      message: 'No SourceDocument has id "009".',
    });
    expect(await refusal('{ source(id: "3") { id } }')).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      field: 'id',
      message: '"id" must be a three-digit source id such as "003"; got "3".',
    });
  });

  test('a malformed sourceId on any list is BAD_USER_INPUT naming the field, with no statement', async () => {
    for (const [list, subgraph] of [
      ['regions', stack.subgraphs.regions],
      ['people', stack.subgraphs.officials],
      ['organizations', stack.subgraphs.officials],
    ] as const) {
      subgraph.counter.reset();
      expect(await refusal(`{ ${list}(filter: { sourceId: "3" }) { totalCount } }`)).toEqual({
        status: 200,
        code: 'BAD_USER_INPUT',
        field: 'filter.sourceId',
        message: '"filter.sourceId" must be a three-digit source id such as "003" (see Citation.source); got "3".',
      });
      expect(requestStatements(subgraph)).toEqual([]);
    }
  });

  test('an over-long search and an unknown kind are BAD_USER_INPUT naming the field', async () => {
    expect(await refusal('query($s: String) { sources(filter: { search: $s }) { totalCount } }', { s: '总'.repeat(51) })).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      field: 'filter.search',
      message: '"filter.search" must be 1 to 50 characters.',
    });
    stack.subgraphs.indicators.counter.reset();
    expect(await refusal('{ sources(filter: { kind: "BOOK" }) { totalCount } }')).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      field: 'filter.kind',
      message: '"filter.kind" must be PLAN or NEWSPAPER; got "BOOK".',
    });
    expect(requestStatements(stack.subgraphs.indicators)).toEqual([]);
    expect(await refusal('{ sources(filter: { published: { from: 25 } }) { totalCount } }')).toMatchObject({
      status: 200,
      code: 'BAD_USER_INPUT',
      field: 'filter.published.from',
    });
  });
});

describe('plans are searched like the other named lists', () => {
  test('by Chinese substring, pinyin and English', async () => {
    const { chinese, pinyin, english, alias } = await data(`{
      chinese: plans(filter: { search: "互认" }) { totalCount nodes { id aliases } }
      pinyin: plans(filter: { search: "huren" }) { nodes { id } }
      english: plans(filter: { search: "mutual recognition" }) { nodes { id } }
      alias: plans(filter: { search: "检查检验结果互认" }) { nodes { id } }
    }`);
    expect(chinese).toEqual({ totalCount: 1, nodes: [{ id: 'gd-test-result-mutual-recognition', aliases: ['检查检验结果互认'] }] });
    expect(ids(pinyin)).toEqual(['gd-test-result-mutual-recognition']);
    expect(ids(english)).toEqual(['gd-test-result-mutual-recognition']);
    expect(ids(alias)).toEqual(['gd-test-result-mutual-recognition']);
  });

  test('the five-year plans by 十四五, and 2024 work plans by the year', async () => {
    const { fyp, work2024 } = await data(`{
      fyp: plans(filter: { search: "十四五" }) { nodes { id } }
      work2024: plans(filter: { search: "2024年重点工作" }) { totalCount }
    }`);
    expect(ids(fyp).sort()).toEqual(['gd-health-14th-fyp', 'gz-health-14th-fyp']);
    expect(work2024.totalCount).toBe(5);
  });

  test('search(text: "互认") has the mutual-recognition plan in its first 10', async () => {
    const { search } = await data(
      `{ search(text: "互认", first: 10) { matchedField matchedText node { __typename ... on Plan { id } } } }`,
    );
    const at = search.findIndex((h: { node: { __typename: string } }) => h.node.__typename === 'Plan');
    // Fourth: below the shorter indicator and project names that hold 互认, by its alias rather than its 21-character title.
    expect(at).toBe(3);
    const plan = search[at];
    expect(plan).toEqual({
      matchedField: 'ALIAS',
      matchedText: '检查检验结果互认',
      node: { __typename: 'Plan', id: 'gd-test-result-mutual-recognition' },
    });
  });
});
