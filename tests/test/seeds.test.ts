import { openSubgraphDatabase, readSeeds, REPO_ROOT, SeedError, SEED_FILES, type SeedData } from '@hsg/common';
import { subgraph as regionsSubgraph } from '@hsg/regions';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SEEDS = path.join(REPO_ROOT, 'seeds');
const SOURCES = path.join(REPO_ROOT, '..', 'shared', 'sources');

/** Source id → its lines, as `sed -n` counts them. */
const sourceLines = new Map<string, string[]>(
  readdirSync(SOURCES)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .map((f) => [f.slice(0, 3), readFileSync(path.join(SOURCES, f), 'utf8').split('\n')]),
);
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

let seeds: SeedData;
beforeAll(() => {
  seeds = readSeeds(SEEDS);
});

/** Every citation in the seeds, including the ones inside project status reports. */
function allCitations(): { where: string; lines: string; quote: string }[] {
  const out: { where: string; lines: string; quote: string }[] = [];
  for (const family of Object.keys(SEED_FILES) as (keyof SeedData)[]) {
    for (const record of seeds[family] as {
      id: string;
      citations: { lines: string; quote: string }[];
      statusReports?: { lines: string; quote: string }[];
    }[]) {
      for (const c of [...record.citations, ...(record.statusReports ?? [])]) out.push({ where: `${family}.json › ${record.id}`, ...c });
    }
  }
  return out;
}

test('the seeds validate and every reference resolves', () => {
  expect(seeds.regions.length).toBeGreaterThan(50);
});

test('every quote appears, white space aside, within its cited lines', () => {
  const citations = allCitations();
  expect(citations.length).toBeGreaterThan(1000);
  const problems = citations.flatMap(({ where, lines, quote }) => {
    const [, source, from, to] = /^(\d{3}):(\d+)(?:-(\d+))?$/.exec(lines)!;
    const text = sourceLines.get(source);
    if (!text) return [`${where}: unknown source ${source}`];
    const cited = text.slice(Number(from) - 1, Number(to ?? from)).join('');
    return squash(cited).includes(squash(quote)) ? [] : [`${where}: "${quote}" is not in ${lines}`];
  });
  expect(problems).toEqual([]);
});

test('coverage: the floors the source texts support', () => {
  const gdCities = seeds.regions.filter((r) => r.parentId === '440000' && r.level === 'PREFECTURE');
  expect(gdCities).toHaveLength(21);
  expect(seeds.regions.filter((r) => r.parentId === '440100')).toHaveLength(11);
  expect(seeds.regions.filter((r) => r.level === 'PROVINCE').length).toBeGreaterThanOrEqual(8);
  expect(seeds.facilities.length).toBeGreaterThan(100);
  // Projects: 002's 专栏1–7 and chapter text name over 200 distinct build-outs.
  const from = (id: string) => (r: { citations: { lines: string }[] }) => r.citations.some((c) => c.lines.startsWith(`${id}:`));
  expect(seeds.projects.filter(from('002')).length).toBeGreaterThan(200);
  expect(seeds.projects.filter((p) => p.statusReports.length > 0)).toHaveLength(seeds.projects.length);
  expect(seeds.targets.filter((t) => t.planId === 'gz-health-13th-fyp')).toHaveLength(24);
  expect(seeds.targets.filter((t) => t.planId === 'gz-health-14th-fyp' && t.baseline?.year === 2020).length).toBeGreaterThanOrEqual(24);
  expect(seeds.people.length).toBeGreaterThanOrEqual(25);
  expect(seeds.sources.map((s) => s.id)).toEqual(['000', '001', '002', '003', '004']);
});

describe('a bad seed file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hsg-seeds-'));
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.json'))) copyFileSync(path.join(SEEDS, f), path.join(dir, f));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('is reported with file, id and field', () => {
    const regions = JSON.parse(readFileSync(path.join(dir, 'regions.json'), 'utf8'));
    regions.find((r: { id: string }) => r.id === '440115').level = 'DISTRICT';
    writeFileSync(path.join(dir, 'regions.json'), JSON.stringify(regions));
    expect(() => readSeeds(dir)).toThrow(SeedError);
    expect(() => readSeeds(dir)).toThrow(/regions\.json › 440115 › level/);
  });

  test('a dangling reference is reported', () => {
    const facilities = JSON.parse(readFileSync(path.join(dir, 'facilities.json'), 'utf8'));
    facilities[0].regionId = '449999';
    writeFileSync(path.join(dir, 'facilities.json'), JSON.stringify(facilities));
    expect(() => readSeeds(dir)).toThrow(/facilities\.json › .* › regionId: "449999" is no id in regions\.json/);
  });

  test('changes nothing in an existing database', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'hsg-data-'));
    try {
      const first = await openSubgraphDatabase(regionsSubgraph, { dataDir: data, seedsDir: SEEDS });
      const before = await first.dataSource.query('SELECT COUNT(*) AS n FROM region');
      await first.dataSource.destroy();
      writeFileSync(path.join(dir, 'people.json'), '[{"id": "Bad Id"}]');
      await expect(openSubgraphDatabase(regionsSubgraph, { dataDir: data, seedsDir: dir, reseed: true })).rejects.toThrow(
        /people\.json › Bad Id/,
      );
      const again = await openSubgraphDatabase(regionsSubgraph, { dataDir: data, seedsDir: SEEDS });
      expect(await again.dataSource.query('SELECT COUNT(*) AS n FROM region')).toEqual(before);
      await again.dataSource.destroy();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
