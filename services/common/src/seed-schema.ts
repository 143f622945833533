import { z } from 'zod';
import {
  COMPARATORS,
  DESIGNATION_KINDS,
  DESIGNATION_STATUSES,
  DIRECTIONS,
  FACILITY_TYPES,
  keysOf,
  ORGANIZATION_TYPES,
  OWNERSHIPS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  QUALIFIERS,
  REGION_KINDS,
  REGION_LEVELS,
  SOURCE_KINDS,
  TARGET_NATURES,
} from './vocabulary';

/**
 * The schema of every seed file. Records are strict: an unknown or misspelt field is an error,
 * not something silently dropped.
 */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase ASCII kebab-case');
const regionId = z.string().regex(/^(\d{6}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be a 6-digit GB/T 2260 code or an area slug');
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
const period = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2})?|-\d{4})?$/, 'must be a year ("2020"), a month ("2024-06") or a range ("2016-2020")');

export const citationSchema = z
  .object({
    lines: z.string().regex(/^\d{3}:\d+(-\d+)?$/, 'must look like "002:2318-2328"'),
    quote: z.string().trim().min(2, 'must quote the supporting phrase'),
  })
  .strict();

const cited = {
  citations: z.array(citationSchema).min(1, 'every record needs at least one citation'),
  inferred: z.boolean().optional(),
  note: z.string().min(1).optional(),
};

export const sourceSchema = z
  .object({
    id: z.string().regex(/^\d{3}$/, 'must be the three-digit source id'),
    file: z.string().min(1),
    title: z.string().min(1),
    titleEn: z.string().min(1).optional(),
    publisher: z.string().min(1).nullable(),
    publishedOn: date.nullable(),
    dateNote: z.string().optional(),
    kind: z.enum(keysOf(SOURCE_KINDS)),
    ...cited,
  })
  .strict();

export const regionSchema = z
  .object({
    id: regionId,
    adminCode: z
      .string()
      .regex(/^\d{6}$/)
      .nullable(),
    name: z.string().min(1),
    shortName: z.string().min(1),
    nameEn: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    level: z.enum(keysOf(REGION_LEVELS)),
    kind: z.enum(keysOf(REGION_KINDS)),
    parentId: regionId.nullable(),
    memberIds: z.array(regionId).default([]),
    basis: z.string().min(1).optional(),
    ...cited,
    // A division the texts never name (one of Guangdong's 21 cities) rests on the code table instead.
    citations: z.array(citationSchema),
  })
  .strict()
  .refine((r) => r.citations.length > 0 || r.basis, { message: 'needs a citation, or a basis when no text names it', path: ['citations'] })
  .refine((r) => (r.level === 'AREA') === (r.adminCode === null), {
    message: 'areas have no adminCode; divisions must have one',
    path: ['adminCode'],
  })
  .refine((r) => r.adminCode === null || r.adminCode === r.id, { message: "a division's id is its adminCode", path: ['id'] });

export const facilitySchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    nameEn: z.string().min(1).nullable().optional(),
    type: z.enum(keysOf(FACILITY_TYPES)),
    specialty: z.string().min(1).nullable().optional(),
    ownership: z.enum(keysOf(OWNERSHIPS)).nullable().optional(),
    affiliation: z.string().min(1).nullable().optional(),
    parentId: slug.nullable().optional(),
    regionId: regionId.nullable().optional(),
    ...cited,
  })
  .strict();

export const designationSchema = z
  .object({
    id: slug,
    kind: z.enum(keysOf(DESIGNATION_KINDS)),
    name: z.string().min(1),
    specialty: z.string().min(1).nullable().optional(),
    hostId: slug.nullable(),
    status: z.enum(keysOf(DESIGNATION_STATUSES)),
    regionId: regionId.nullable().optional(),
    ...cited,
  })
  .strict();

export const statusReportSchema = z
  .object({
    asOf: date,
    status: z.enum(keysOf(PROJECT_STATUSES)),
    text: z.string().min(1),
    ...citationSchema.shape,
  })
  .strict();

export const projectSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    type: z.enum(keysOf(PROJECT_TYPES)),
    facilityId: slug.nullable().optional(),
    regionId: regionId.nullable().optional(),
    planId: slug.nullable().optional(),
    planSection: z.string().min(1).nullable().optional(),
    statusReports: z.array(statusReportSchema).default([]),
    ...cited,
  })
  .strict();

export const indicatorSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    nameEn: z.string().min(1),
    unit: z.string().min(1).nullable(),
    domain: z.string().min(1).nullable().optional(),
    direction: z.enum(keysOf(DIRECTIONS)),
    ...cited,
  })
  .strict();

export const observationSchema = z
  .object({
    id: slug,
    indicatorId: slug,
    regionId: regionId.nullable().optional(),
    period,
    value: z.number().finite().nullable(),
    valueText: z.string().min(1),
    qualifier: z.enum(keysOf(QUALIFIERS)).nullable().optional(),
    ...cited,
  })
  .strict();

export const planSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    nameEn: z.string().min(1).nullable().optional(),
    regionId: regionId.nullable().optional(),
    period: period.nullable().optional(),
    issuer: z.string().min(1).nullable().optional(),
    ...cited,
  })
  .strict();

export const targetSchema = z
  .object({
    id: slug,
    indicatorId: slug,
    regionId: regionId.nullable().optional(),
    planId: slug,
    year: z.number().int().min(1990).max(2100),
    comparator: z.enum(keysOf(COMPARATORS)),
    value: z.number().finite().nullable(),
    valueText: z.string().min(1),
    nature: z.enum(keysOf(TARGET_NATURES)).nullable().optional(),
    baseline: z
      .object({ year: z.number().int(), value: z.number().finite().nullable(), valueText: z.string().min(1) })
      .strict()
      .nullable()
      .optional(),
    ...cited,
  })
  .strict();

export const organizationSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    shortName: z.string().min(1).nullable().optional(),
    aliases: z.array(z.string().min(1)).default([]),
    type: z.enum(keysOf(ORGANIZATION_TYPES)),
    regionId: regionId.nullable().optional(),
    parentId: slug.nullable().optional(),
    ...cited,
  })
  .strict();

export const personSchema = z
  .object({ id: slug, name: z.string().min(1), gender: z.enum(['MALE', 'FEMALE']).nullable().optional(), ...cited })
  .strict();

export const postSchema = z
  .object({
    id: slug,
    personId: slug,
    organizationId: slug,
    titles: z.array(z.string().min(1)).min(1),
    isHead: z.boolean(),
    asOf: date,
    ...cited,
  })
  .strict();

export const meetingSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    date,
    regionId: regionId.nullable().optional(),
    organizerId: slug.nullable().optional(),
    appearances: z.array(z.object({ personId: slug, role: z.string().min(1) }).strict()).default([]),
    ...cited,
  })
  .strict();

/** Every seed file and the schema of its records. */
export const SEED_FILES = {
  sources: sourceSchema,
  regions: regionSchema,
  facilities: facilitySchema,
  designations: designationSchema,
  projects: projectSchema,
  indicators: indicatorSchema,
  observations: observationSchema,
  plans: planSchema,
  targets: targetSchema,
  organizations: organizationSchema,
  people: personSchema,
  posts: postSchema,
  meetings: meetingSchema,
} as const;

export type SeedFamily = keyof typeof SEED_FILES;
export type SeedRecord<F extends SeedFamily> = z.infer<(typeof SEED_FILES)[F]>;
export type SeedData = { [F in SeedFamily]: SeedRecord<F>[] };
