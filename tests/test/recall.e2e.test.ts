import { postGraphQL, REPO_ROOT } from '@hsg/core';

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from './stack';

/**
 * Recall of what the texts name (seeds/README.md, "Recall"): what is listed there as not a record
 * really is none, and occurs in the sources it is listed for; named facilities resolve by name.
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
    expect(listed.map((l) => l.name)).toEqual(expect.arrayContaining(['健康中国行动', '互联网医院', '生物岛', '百千万工程']));
  });

  test('names only what the sources it cites do write', () => {
    const missing = listed.filter(({ name, sources }) => !sources.some((s) => texts.get(s)?.includes(name)));
    expect(missing).toEqual([]);
  });

  test('names nothing that is a record or an alias of one', () => {
    expect(listed.filter(({ name }) => recordNames.has(name)).map((l) => l.name)).toEqual([]);
  });
});

describe('named facilities resolve by name through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

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
});
