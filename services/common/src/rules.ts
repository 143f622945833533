import { z } from 'zod';

/** Field rules shared by the entity declarations (see declaration.ts). */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase ASCII kebab-case');
/** A division's code (6 digits, or 9 for a township) or a named area's slug. */
export const DIVISION_CODE = /^(\d{6}|\d{9})$/;
export const regionId = z
  .string()
  .regex(/^(\d{6}|\d{9}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be a division code (6 digits, 9 for a township) or an area slug');
export const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
export const period = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2})?|-\d{4})?$/, 'must be a year ("2020"), a month ("2024-06") or a range ("2016-2020")');
export const text = z.string().min(1);

export const citationSchema = z
  .object({
    lines: z.string().regex(/^\d{3}:\d+(-\d+)?$/, 'must look like "002:2318-2328"'),
    quote: z.string().trim().min(2, 'must quote the supporting phrase'),
  })
  .strict();
