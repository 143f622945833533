import { REPO_ROOT, SUBGRAPHS } from '@hsg/core';
import {
  attrsOf,
  Comparator,
  DesignationKind,
  DesignationStatus,
  Direction,
  FacilityType,
  familyOf,
  OrganizationType,
  openSubgraphDatabase,
  Ownership,
  ProjectStatus,
  ProjectType,
  Qualifier,
  RegionKind,
  RegionLevel,
  RegionSource,
  rowOf,
  TargetNature,
  TargetScope,
  readSeeds,
  SeedError,
  seedPlanOf,
  SourceDocument,
  writeSeeds,
  type EntityClass,
  type SeedData,
} from '@hsg/framework';
import { Region, subgraph as regionsSubgraph } from '@hsg/regions';
import { subgraphDefinition } from '@hsg/schema';
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

/** Every declared entity of every subgraph: reading them all checks references across subgraphs too. */
const ENTITIES: EntityClass[] = [
  SourceDocument,
  ...SUBGRAPHS.flatMap((s) => subgraphDefinition(s.package).entities).filter((e) => {
    try {
      return Boolean(familyOf(e));
    } catch {
      return false; // a table that is no seeded family (the search index)
    }
  }),
];

let seeds: SeedData;
beforeAll(() => {
  // all: the code list's divisions too, which a start takes as built.
  seeds = readSeeds(SEEDS, ENTITIES, { all: true });
});

/** Every citation in the seeds, including the ones inside project status reports. */
function allCitations(): { where: string; lines: string; quote: string }[] {
  const out: { where: string; lines: string; quote: string }[] = [];
  for (const family of Object.keys(seeds)) {
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

test('every seed file validates against its entity declaration and every reference resolves, across subgraphs', () => {
  const counts = Object.fromEntries(Object.entries(seeds).map(([family, records]) => [family, records.length]));
  expect(counts).toEqual({
    sources: 5,
    // The code list's 44,690 divisions (41 of them named by the texts) and 24 regions only the texts name.
    regions: 44714,
    facilities: 131,
    designations: 98,
    projects: 352,
    indicators: 201,
    observations: 155,
    plans: 15,
    targets: 139,
    organizations: 27,
    people: 28,
    posts: 30,
    meetings: 8,
    programmes: 19,
  });
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
  // Guangzhou's 11 districts; 广州中心城区 is an area placed in the city, no district.
  expect(seeds.regions.filter((r) => r.parentId === '440100' && r.level === 'COUNTY')).toHaveLength(11);
  // Named by the texts: 8 of the code list's 31 provinces (广东, 湖南, 湖北, 广西, 海南, 重庆, 四川, 贵州), and Hong Kong and Macao.
  expect(seeds.regions.filter((r) => r.level === 'PROVINCE' && r.citations.length > 0)).toHaveLength(10);
  expect(seeds.regions.filter((r) => r.level === 'PROVINCE' && r.basis)).toHaveLength(31);
  // Projects: 002's 专栏1–7 and chapter text name 301 distinct build-outs.
  const from = (id: string) => (r: Record<string, any>) => r.citations.some((c: { lines: string }) => c.lines.startsWith(`${id}:`));
  expect(seeds.projects.filter(from('002'))).toHaveLength(301);
  expect(seeds.projects.filter((p) => p.statusReports.length > 0)).toHaveLength(seeds.projects.length);
  expect(seeds.targets.filter((t) => t.planId === 'gz-health-13th-fyp')).toHaveLength(24);
  expect(seeds.targets.filter((t) => t.planId === 'gz-health-14th-fyp' && t.baseline?.year === 2020)).toHaveLength(24);
  expect(seeds.sources.map((s) => s.id)).toEqual(['000', '001', '002', '003', '004']);
});

/** The part of 002 a line lies in: the table or 专栏 box it is in, else its chapter (a 节 heading ends a table). */
function planSectionAt(line: number): string | null {
  let chapter: string | null = null;
  let part: string | null = null;
  for (const raw of sourceLines.get('002')!.slice(0, line)) {
    const l = raw.trim();
    const heading = /^第(.{1,2})章\s/.exec(l);
    const box = /^(表|专栏)\s*(\d+)\s/.exec(l);
    if (heading) [chapter, part] = [`第${heading[1]}章`, null];
    else if (/^第.{1,2}节\s/.test(l)) part = null;
    else if (box) part = `${box[1]}${box[2]}`;
  }
  return part ?? chapter;
}

test("every target of the Guangzhou plan names the table, box or chapter its first citation lies in; the newspapers' none", () => {
  const problems = seeds.targets.flatMap((t) => {
    const lines: string = t.citations[0].lines;
    const expected = lines.startsWith('002:') ? planSectionAt(Number(lines.slice(4).split('-')[0])) : null;
    return (t.section ?? null) === expected ? [] : [`targets.json › ${t.id}: section is ${t.section}, the text says ${expected}`];
  });
  expect(problems).toEqual([]);
  expect(seeds.targets.filter((t) => t.section === '表1')).toHaveLength(24);
  expect(seeds.targets.filter((t) => t.section === '表2')).toHaveLength(24);
});

/** Every GraphQL enum of the schema, by name. */
const ENUMS: Record<string, Record<string, string>> = {
  RegionLevel,
  RegionKind,
  RegionSource,
  FacilityType,
  Ownership,
  DesignationKind,
  DesignationStatus,
  ProjectType,
  ProjectStatus,
  Direction,
  Qualifier,
  Comparator,
  TargetNature,
  TargetScope,
  OrganizationType,
};

/**
 * The enum values no seed record uses, each with the reason it stays. A value that is neither used
 * nor listed here misleads: a filter by it returns nothing. Remove it or deprecate it, or say here
 * (and in its description) why it exists.
 */
const UNUSED_BY_DESIGN: Record<string, string[]> = {
  FacilityType: [
    // Kinds of the primary and supervision tiers: the texts count them (社区卫生服务中心, 乡镇卫生院,
    // 卫生监督) but name none of them, so no facility record has them; an agency may write one.
    'COMMUNITY_HEALTH_CENTER',
    'TOWNSHIP_HEALTH_CENTER',
    'HEALTH_SUPERVISION',
  ],
  Ownership: [
    // The seeds set ownership only where a text states it of the named facility, and the texts state
    // it only of private hospitals; 000's one 外商独资 hospital is unnamed. An agency may write either.
    'PUBLIC',
    'FOREIGN_OWNED',
  ],
  DesignationKind: [
    // Deprecated: 002 writes 国家级/省级重大疫情救治基地 as one, so its bases are MAJOR_EPIDEMIC_TREATMENT_BASE.
    'NATIONAL_MAJOR_EPIDEMIC_TREATMENT_BASE',
    'PROVINCIAL_MAJOR_EPIDEMIC_TREATMENT_BASE',
    // Deprecated: no text names a 国家临床医学研究中心.
    'NATIONAL_CLINICAL_RESEARCH_CENTER',
    // 002 plans 国家级重点实验室 without a host, so no designation record has it; an agency may write one.
    'NATIONAL_KEY_LABORATORY',
  ],
  ProjectStatus: [
    // Derived for a project with no report at all (one an agency creates before reporting on it); every
    // seeded project has a report.
    'UNKNOWN',
  ],
  Qualifier: [
    // The texts write ≤ only in targets (the comparator LTE), never with an observed value.
    'LTE',
  ],
};

/** The value of an enum field, or the enum whose values a field's rule allows, read off its zod rule. */
function enumOfRule(schema: unknown): string | null {
  let def = (schema as { def: { type: string; innerType?: unknown; entries?: Record<string, string> } }).def;
  while (def.innerType) def = (def.innerType as typeof schema as { def: typeof def }).def;
  if (def.type !== 'enum' || !def.entries) return null;
  const values = Object.keys(def.entries).sort().join();
  return Object.keys(ENUMS).find((name) => Object.keys(ENUMS[name]).sort().join() === values) ?? null;
}

test('every enum value is used by a seed record, or is listed with the reason it exists', () => {
  const used = new Map<string, Set<string>>(Object.keys(ENUMS).map((name) => [name, new Set()]));
  for (const entity of ENTITIES) {
    const family = familyOf(entity).family;
    const fields = attrsOf(entity).flatMap((attr) => {
      const name = enumOfRule(attr.schema);
      return name ? [{ key: attr.key, name }] : [];
    });
    for (const record of seeds[family] as Record<string, unknown>[]) {
      const row = fields.length > 0 ? rowOf(entity, record) : {};
      for (const { key, name } of fields) if (typeof row[key] === 'string') used.get(name)!.add(row[key] as string);
      // A project's dated reports carry statuses of their own.
      for (const report of (record.statusReports ?? []) as { status: string }[]) used.get('ProjectStatus')!.add(report.status);
    }
  }
  const problems = Object.entries(ENUMS).flatMap(([name, values]) =>
    Object.keys(values).flatMap((value) => {
      const listed = (UNUSED_BY_DESIGN[name] ?? []).includes(value);
      if (used.get(name)!.has(value)) return listed ? [`${name}.${value} is used: take it off UNUSED_BY_DESIGN`] : [];
      return listed ? [] : [`${name}.${value}: no seed record has it`];
    }),
  );
  expect(problems).toEqual([]);
});

/**
 * The projects whose status differs from that of another project building the same campus, each
 * with words its note must hold: the note says why the texts leave the two apart.
 */
const CAMPUS_STATUS_DIFFERENCES: Record<string, string> = {
  // The relocation's reports end in 2021; its 黄埔院区, tied to it by a reading only, is in use in 2024.
  'gz-12th-hospital-relocation': 'the relocation and its campus differ in status',
};

test("a project's status agrees with its campus's (the other projects building it), or its note says why not", () => {
  const project = ENTITIES.find((e) => familyOf(e).family === 'projects')!;
  const statusOf = new Map(seeds.projects.map((p) => [p.id as string, rowOf(project, p).status as string]));
  const problems = seeds.projects.flatMap((p) => {
    if (!p.campusId) return [];
    const others = seeds.projects.filter((o) => o.campusId === p.campusId && o.id !== p.id);
    const differs = others.filter((o) => statusOf.get(o.id) !== statusOf.get(p.id));
    const reason = CAMPUS_STATUS_DIFFERENCES[p.id];
    if (differs.length === 0) return reason ? [`${p.id}: agrees with its campus's projects; take it off the list`] : [];
    if (reason) return String(p.note ?? '').includes(reason) ? [] : [`${p.id}: its note does not say "${reason}"`];
    // The other side of a listed difference is explained by the listed project's note.
    if (differs.every((o) => CAMPUS_STATUS_DIFFERENCES[o.id])) return [];
    return differs.map((o) => `${p.id} is ${statusOf.get(p.id)}, ${o.id} building the same campus ${statusOf.get(o.id)}`);
  });
  expect(problems).toEqual([]);
  expect(statusOf.get('gz-12th-hospital-relocation')).toBe('STARTED');
  expect(statusOf.get('gz-12th-hospital-huangpu-campus')).toBe('IN_OPERATION');
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
    expect(() => readSeeds(dir, ENTITIES)).toThrow(SeedError);
    expect(() => readSeeds(dir, ENTITIES)).toThrow(/regions\.json › 440115 › level/);
  });

  test("a division whose parentId disagrees with its code's prefix is reported", () => {
    const regions = JSON.parse(readFileSync(path.join(dir, 'regions.json'), 'utf8'));
    regions.find((r: { id: string }) => r.id === '440115').parentId = '440300';
    writeFileSync(path.join(dir, 'regions.json'), JSON.stringify(regions));
    expect(() => readSeeds(dir, [Region])).toThrow(
      /regions\.json › 440115 › parentId: is "440300", but the code places 440115 under "440100"; fix one of the two/,
    );
  });

  test('an area placed within another area is reported', () => {
    const regions = JSON.parse(readFileSync(path.join(dir, 'regions.json'), 'utf8'));
    regions.find((r: { id: string }) => r.id === 'hengqin-cooperation-zone').parentId = 'greater-bay-area';
    writeFileSync(path.join(dir, 'regions.json'), JSON.stringify(regions));
    expect(() => readSeeds(dir, [Region])).toThrow(
      /regions\.json › hengqin-cooperation-zone › parentId: is the area "greater-bay-area", but an area lies within a division, never within another area/,
    );
  });

  test('a dangling reference is reported', () => {
    const facilities = JSON.parse(readFileSync(path.join(dir, 'facilities.json'), 'utf8'));
    facilities[0].regionId = '449999';
    writeFileSync(path.join(dir, 'facilities.json'), JSON.stringify(facilities));
    expect(() => readSeeds(dir, ENTITIES)).toThrow(/facilities\.json › .* › regionId: "449999" is no id in regions\.json/);
  });

  test('a link without its basis and a programme without members are reported', () => {
    const projects = JSON.parse(readFileSync(path.join(dir, 'projects.json'), 'utf8'));
    delete projects.find((p: { id: string }) => p.id === 'national-trauma-regional-medical-center').designationBasis;
    delete projects.find((p: { id: string }) => p.id === 'gz-12th-hospital-relocation').campusBasis;
    writeFileSync(path.join(dir, 'projects.json'), JSON.stringify(projects));
    const programmes = JSON.parse(readFileSync(path.join(dir, 'programmes.json'), 'utf8'));
    programmes[0].projectIds = [];
    programmes[0].designationIds = [];
    writeFileSync(path.join(dir, 'programmes.json'), JSON.stringify(programmes));
    const thrown = (() => {
      try {
        readSeeds(dir, ENTITIES);
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    expect(thrown).toMatch(
      /projects\.json › national-trauma-regional-medical-center › designationBasis: a designationId needs its designationBasis/,
    );
    expect(thrown).toMatch(/projects\.json › gz-12th-hospital-relocation › campusBasis: a campusId needs its campusBasis/);
    expect(thrown).toMatch(/programmes\.json › national-medical-centres-1-1-6 › projectIds: a programme needs at least one member/);
  });

  test("a programme's member that is no record is reported", () => {
    const programmes = JSON.parse(readFileSync(path.join(dir, 'programmes.json'), 'utf8'));
    programmes[1].projectIds.push('no-such-project');
    writeFileSync(path.join(dir, 'programmes.json'), JSON.stringify(programmes));
    expect(() => readSeeds(dir, ENTITIES)).toThrow(
      /programmes\.json › gz-14th-fyp-social-capital-hospitals › projectIds\.7: "no-such-project" is no id in projects\.json/,
    );
  });

  test('changes nothing in an existing database', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'hsg-data-'));
    try {
      const first = await openSubgraphDatabase(regionsSubgraph, { dataDir: data, seedsDir: SEEDS });
      const before = await first.dataSource.query('SELECT COUNT(*) AS n FROM region');
      await first.dataSource.destroy();
      writeFileSync(path.join(dir, 'regions.json'), '[{"id": "Bad Id"}]');
      await expect(openSubgraphDatabase(regionsSubgraph, { dataDir: data, seedsDir: dir, reseed: true })).rejects.toThrow(
        /regions\.json › Bad Id/,
      );
      const again = await openSubgraphDatabase(regionsSubgraph, { dataDir: data, seedsDir: SEEDS });
      expect(await again.dataSource.query('SELECT COUNT(*) AS n FROM region')).toEqual(before);
      await again.dataSource.destroy();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  test('a subgraph that hands out region names (facilities) will not start on a regions seed it cannot read, and opens nothing', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'hsg-data-'));
    try {
      writeFileSync(path.join(dir, 'regions.json'), '[{"id": "440115", "name": ""}]');
      await expect(openSubgraphDatabase(subgraphDefinition('@hsg/facilities'), { dataDir: data, seedsDir: dir })).rejects.toThrow(
        /regions\.json: cannot be read for the regions' names: .*name/s,
      );
      expect(readdirSync(data)).toEqual([]);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  test('a write that fails half-way rolls back: the rows deleted and inserted before the failure come back', async () => {
    const { dataSource } = await openSubgraphDatabase(regionsSubgraph, { dataDir: ':memory:', seedsDir: SEEDS });
    try {
      const count = async () => (await dataSource.query('SELECT COUNT(*) AS n FROM region'))[0].n;
      expect(await count()).toBe(44714);
      const plan = seedPlanOf(readSeeds(SEEDS, [Region]), [Region]);
      // The regions once, then one of them again: the second insert breaks the primary key.
      const failing = [...plan, { entity: Region, rows: [plan[0].rows[0]] }];
      await expect(writeSeeds(dataSource, failing)).rejects.toThrow(/UNIQUE constraint failed: region\.id/);
      expect(await count()).toBe(44714);
      expect((await dataSource.query(`SELECT name FROM region WHERE id = '440115'`))[0].name).toBe('南沙区');
    } finally {
      await dataSource.destroy();
    }
  });
});
