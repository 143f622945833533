import { postGraphQL, REPO_ROOT } from '@hsg/core';

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from './stack';

/**
 * Recall of what the texts name (seeds/README.md, "Recall"): what is listed there as not a record
 * really is none, and occurs in the sources it is listed for; named facilities resolve by name, and
 * so do the places that are no division (a former district, an island, development areas …).
 */
const SEEDS = path.join(REPO_ROOT, 'seeds');
const SOURCES = path.join(REPO_ROOT, '..', 'shared', 'sources');
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

const texts = new Map<string, string>(
  readdirSync(SOURCES)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .map((f) => [f.slice(0, 3), squash(readFileSync(path.join(SOURCES, f), 'utf8'))]),
);

/** Every name, short name, English name and alias of every record, in every seed file. */
const recordNames = new Set<string>(
  readdirSync(SEEDS)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(path.join(SEEDS, f), 'utf8')) as Record<string, unknown>[])
    .flatMap((r) => [r.name, r.shortName, r.nameEn, ...((r.aliases as unknown[]) ?? [])])
    .filter((n): n is string => typeof n === 'string'),
);

/** The README's Recall table: each row's names (first column, split on 、) and sources (second). */
function recallList(): { name: string; sources: string[] }[] {
  const readme = readFileSync(path.join(SEEDS, 'README.md'), 'utf8');
  const section = readme.split(/^## Recall$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| name') && !line.startsWith('|---'))
    .flatMap((line) => {
      const [names, sources] = line
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      return names.split('、').map((name) => ({ name, sources: sources.split(/,\s*/) }));
    });
}

describe("the README's list of names that are no record", () => {
  const listed = recallList();

  test('is there and read whole', () => {
    expect(listed.length).toBeGreaterThan(60);
    expect(listed.map((l) => l.name)).toEqual(expect.arrayContaining(['健康中国行动', '互联网医院', '白云南部地区', '百千万工程']));
  });

  test('names only what the sources it cites do write', () => {
    const missing = listed.filter(({ name, sources }) => !sources.some((s) => texts.get(s)?.includes(name)));
    expect(missing).toEqual([]);
  });

  test('names nothing that is a record or an alias of one', () => {
    expect(listed.filter(({ name }) => recordNames.has(name)).map((l) => l.name)).toEqual([]);
  });
});

describe('named facilities and places resolve by name through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  // seeds/README.md, "Named places that are no division": a former district, an island, a lake,
  // development areas and parts of a city, each by the name the texts write and by its other names.
  test.each([
    ['芳村', 'fangcun'],
    ['芳村区', 'fangcun'],
    ['大坦沙', 'datansha'],
    ['大坦沙岛', 'datansha'],
    ['白云湖', 'baiyun-lake'],
    ['生物岛', 'guangzhou-international-bio-island'],
    ['广州国际生物岛', 'guangzhou-international-bio-island'],
    ['科学城', 'guangzhou-science-city'],
    ['知识城', 'sino-singapore-guangzhou-knowledge-city'],
    ['中新广州知识城', 'sino-singapore-guangzhou-knowledge-city'],
    ['中心城区', 'guangzhou-central-urban-area'],
    ['西部城区', 'zhuhai-western-urban-area'],
    ['南沙新区', '440115'],
  ])('region(name: "%s") and search find %s', async (name, id) => {
    const res = await postGraphQL(
      stack.gateway.url,
      `query ($q: String!) { region(name: $q) { id } search(text: $q, types: ["Region"], first: 3) { node { ... on Region { id } } } }`,
      { q: name },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.region.id).toBe(id);
    expect(res.data.search[0].node.id).toBe(id);
  });

  test('an area lists the divisions it covers: 芳村 is the nine subdistricts of the former 芳村区', async () => {
    const res = await postGraphQL(
      stack.gateway.url,
      `{ fangcun: region(id: "fangcun") { level parent { id } members { name } }
        datansha: region(id: "datansha") { parent { id } members { id name } }
        baiyunLake: region(id: "baiyun-lake") { parent { id } members { id name } }
        central: region(id: "guangzhou-central-urban-area") { parent { id } members { id } }
        west: region(id: "zhuhai-western-urban-area") { parent { id } members { id } }
        knowledgeCity: region(id: "sino-singapore-guangzhou-knowledge-city") { parent { id } members { id } inferred } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.fangcun).toEqual({
      level: 'AREA',
      parent: { id: '440103' },
      members: ['白鹤洞街道', '冲口街道', '花地街道', '石围塘街道', '茶滘街道', '东漖街道', '海龙街道', '东沙街道', '中南街道'].map(
        (name) => ({ name }),
      ),
    });
    expect(res.data.datansha).toEqual({ parent: { id: '440103' }, members: [{ id: '440103013', name: '桥中街道' }] });
    expect(res.data.baiyunLake).toEqual({ parent: { id: '440111' }, members: [{ id: '440111018', name: '白云湖街道' }] });
    expect(res.data.central).toEqual({
      parent: { id: '440100' },
      members: ['440103', '440104', '440105', '440106', '440111'].map((id) => ({ id })),
    });
    expect(res.data.west).toEqual({ parent: { id: '440400' }, members: [{ id: '440403' }, { id: '440404' }] });
    expect(res.data.knowledgeCity).toEqual({ parent: { id: '440112' }, members: [], inferred: true });
  });

  test.each([
    ['香港中文大学（深圳）医院', 'cuhk-shenzhen-hospital'],
    ['广东省妇幼保健院番禺院区', 'gd-maternal-child-health-hospital-panyu'],
    ['生物岛实验室', 'bio-island-laboratory'],
    ['广州市惠爱医院', 'gmu-brain-hospital'],
    ['中山大学肿瘤防治中心', 'sysucc'],
  ])('%s', async (name, id) => {
    const res = await postGraphQL(
      stack.gateway.url,
      `query ($q: String!) { facilities(filter: { search: $q }) { nodes { id name aliases } } }`,
      {
        q: name,
      },
    );
    expect(res.errors).toBeUndefined();
    const ids = res.data.facilities.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(id);
  });
  // Two build-outs the plan names twice, differently: the other name is an alias that search finds.
  test.each([
    ['南沙国家健康旅游示范基地', 'nansha-national-health-medical-tourism-base'],
    ['白云美丽健康产业园', 'baiyun-meiwan-beauty-health-industrial-park'],
  ])('the project %s, by its other name', async (name, id) => {
    const res = await postGraphQL(
      stack.gateway.url,
      `query ($q: String!) {
        projects(filter: { search: $q }) { nodes { id aliases } }
        search(text: $q, types: ["Project"], first: 1) { matchedField matchedText node { ... on Project { id } } }
      }`,
      { q: name },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.projects.nodes).toEqual([{ id, aliases: [name] }]);
    expect(res.data.search).toEqual([{ matchedField: 'ALIAS', matchedText: name, node: { id } }]);
  });
});
