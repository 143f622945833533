import { DIVISION_LIST_PACKAGE, DIVISION_LIST_VERSION, divisionList, type DivisionLevel, type ListedDivision } from '@hsg/framework';
import { englishNameOf, shortNameOf } from './place-names';

/**
 * The code list's divisions (common's divisionList: which divisions exist, their names and parents)
 * as region records: the kind each one's code or name tells, short and English names, the basis.
 */

/** What a code-list region's `basis` says. */
export const CODE_LIST_BASIS = `国家统计局 2023年统计用区划代码 (${DIVISION_LIST_PACKAGE} ${DIVISION_LIST_VERSION})`;

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

export interface DivisionRecord {
  id: string;
  adminCode: string;
  name: string;
  shortName: string;
  nameEn: string;
  aliases: string[];
  level: DivisionLevel;
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

function record(id: string, name: string, level: DivisionLevel, kind: string, parentId: string | null): DivisionRecord {
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

/** The kind each tier's code or name tells. */
function kindOf({ id, name, level }: ListedDivision): string {
  if (level === 'PROVINCE') return provinceKind(id.slice(0, 2), name);
  if (level === 'PREFECTURE') return prefectureKind(name);
  if (level === 'COUNTY') return countyKind(id, name);
  return townshipKind(id);
}

let cached: DivisionRecord[] | undefined;

/** The code list's divisions (divisionList) as region records, parents before children, built once per process. */
export function codeListDivisions(): DivisionRecord[] {
  cached ??= divisionList().map((d) => record(d.id, d.name, d.level, kindOf(d), d.parentId));
  return cached;
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
