/**
 * Readable ids for `region(id:)`: a province, prefecture or county's English name, lower-cased,
 * with every run of other characters a hyphen ("Guangzhou" → guangzhou, "Nansha District" →
 * nansha-district, "Xi'an" → xi-an). Where two share one, the higher tier keeps it (吉林省 jilin) and
 * the others take their parent's slug after it (吉林市 jilin-jilin); two of one tier both do (福州
 * fuzhou-fujian, 抚州 fuzhou-jiangxi); what still collides ends in its code. A named area's slug
 * is its id. Townships are found by code or name: their English names repeat too often to slug.
 * A slug is a convenience that a new namesake can change; the code is the stable id.
 */

const TIERS = ['PROVINCE', 'PREFECTURE', 'COUNTY'] as const;

export const slugOf = (englishName: string): string =>
  englishName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

interface Sluggable {
  id: string;
  nameEn?: string;
  level?: string;
  parentId?: string | null;
  slug?: string | null;
}

/** Gives every record its slug (see the module comment); a slug a record states is kept. */
export function assignSlugs<R extends Sluggable>(records: R[]): R[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const taken = new Set<string>(records.filter((r) => r.level === 'AREA').map((r) => r.id));
  for (const r of records) if (r.slug) taken.add(r.slug);
  for (const r of records) if (r.level === 'AREA' && !r.slug) r.slug = r.id;
  for (const tier of TIERS) {
    const open = records.filter((r) => r.level === tier && !r.slug && r.nameEn);
    const count = new Map<string, number>();
    for (const r of open) count.set(slugOf(r.nameEn!), (count.get(slugOf(r.nameEn!)) ?? 0) + 1);
    for (const r of open) {
      const base = slugOf(r.nameEn!);
      let slug = base;
      if (count.get(base)! > 1 || taken.has(base)) {
        const parent = r.parentId ? byId.get(r.parentId)?.slug : null;
        slug = parent ? `${base}-${parent}` : `${base}-${r.id}`;
        if (taken.has(slug)) slug = `${base}-${r.id}`;
      }
      r.slug = slug;
      taken.add(slug);
    }
  }
  for (const r of records) r.slug ??= null;
  return records;
}
