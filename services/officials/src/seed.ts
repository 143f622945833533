import { pinyinKeys, type SeedData, type SeedPlan } from '@hsg/common';
import { Meeting } from './meeting';
import { Organization } from './organization';
import { Person } from './person';
import { Post } from './post';

const base = (r: { inferred?: boolean; note?: string }) => ({ inferred: r.inferred ?? false, note: r.note ?? null });

/** Seed rows for the officials subgraph (no foreign keys, so the order is free). */
export function officialsSeedPlan(seeds: SeedData): SeedPlan {
  return [
    {
      entity: Organization,
      rows: seeds.organizations.map((o) => ({
        ...o,
        ...base(o),
        shortName: o.shortName ?? null,
        regionId: o.regionId ?? null,
        parentId: o.parentId ?? null,
        pinyin: pinyinKeys([o.name, o.shortName, ...o.aliases]),
      })),
    },
    { entity: Person, rows: seeds.people.map((p) => ({ ...p, ...base(p), gender: p.gender ?? null, pinyin: pinyinKeys([p.name], true) })) },
    { entity: Post, rows: seeds.posts.map((p) => ({ ...p, ...base(p) })) },
    {
      entity: Meeting,
      rows: seeds.meetings.map((m) => ({
        ...m,
        ...base(m),
        regionId: m.regionId ?? null,
        organizerId: m.organizerId ?? null,
        appearances: m.appearances.map(({ personId, role }) => ({ personId, role })),
      })),
    },
  ];
}
