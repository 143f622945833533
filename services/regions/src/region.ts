import { Attr, citationSchema, Cited, Family, oneOf, regionId, regionPrefix, RegionKind, RegionLevel, text } from '@hsg/common';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

const DIVISION = /^\d{6}$/;

/**
 * The hierarchy is written twice — a division's code prefix (which other subgraphs use to answer
 * "within") and its parentId (which Region.parent and children use) — so the two must agree: a
 * division's parent is the nearest division its code's prefix names (440115 → 440100 → 440000;
 * a county-level city directly under a province, 429004, → 420000).
 */
function checkHierarchy(regions: { id: string; parentId: string | null }[]) {
  const ids = new Set(regions.map((r) => r.id));
  const issues: { id: string; field: string; message: string }[] = [];
  for (const r of regions) {
    if (!DIVISION.test(r.id)) continue;
    const candidates = [`${r.id.slice(0, 4)}00`, `${r.id.slice(0, 2)}0000`].filter((c) => c !== r.id);
    const expected = candidates.find((c) => ids.has(c) && r.id.startsWith(regionPrefix(c))) ?? null;
    if (r.parentId !== expected) {
      issues.push({
        id: r.id,
        field: 'parentId',
        message: `is "${r.parentId}", but the code places ${r.id} under ${expected ? `"${expected}"` : 'no listed division'}; fix one of the two`,
      });
    }
  }
  return issues;
}

@Entity('region')
@Family({
  family: 'regions',
  // A division the texts never name (one of Guangdong's 21 cities) rests on the code table instead.
  overrides: { citations: z.array(citationSchema) },
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
      .refine((r: any) => r.adminCode === null || r.adminCode === r.id, { message: "a division's id is its adminCode", path: ['id'] }),
  check: checkHierarchy,
})
@ObjectType({ description: 'An administrative division of China (by its GB/T 2260 code) or a named area such as 粤港澳大湾区.' })
@Directive('@key(fields: "id")')
export class Region extends Cited {
  @Attr(regionId, {
    primary: true,
    description: 'The 6-digit GB/T 2260 code for a division ("440100" Guangzhou); a slug for a named area ("greater-bay-area").',
  })
  id!: string;

  @Attr(z.string().regex(DIVISION).nullable(), { description: 'GB/T 2260 code; null for a named area.' })
  adminCode!: string | null;

  @Attr(text, { name: 'NAME', description: 'Full Chinese name (广州市).' })
  name!: string;

  /** Pinyin of the names, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(text, { name: 'SHORT_NAME', description: 'Short name (广州).' })
  shortName!: string;

  @Attr(text, { name: 'NAME_EN', description: 'Accepted English name.' })
  nameEn!: string;

  @Attr(z.array(text).default([]), { name: 'ALIAS', description: 'Other names (穗, 南沙新区 …).' })
  aliases!: string[];

  @Attr(oneOf(RegionLevel), { index: true, description: 'Tier in the hierarchy.' })
  level!: keyof typeof RegionLevel;

  @Attr(oneOf(RegionKind), { description: 'Kind of division or area.' })
  kind!: keyof typeof RegionKind;

  @Attr(regionId.nullable(), { index: true, graphql: false, ref: 'regions' })
  parentId!: string | null;

  /** For a named area, the divisions it groups. */
  @Attr(z.array(regionId).default([]), { graphql: false, ref: 'regions' })
  memberIds!: string[];

  @Attr(text.optional(), { description: 'For a division no source text names: the code table it comes from ("GB/T 2260").' })
  basis!: string | null;
}
