import { z } from 'zod';

/** Field rules shared by the entity declarations (see declaration.ts). */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase ASCII kebab-case');
export const regionId = z.string().regex(/^(\d{6}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be a 6-digit GB/T 2260 code or an area slug');
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
