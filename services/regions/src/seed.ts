import { pinyinKeys, type SeedData, type SeedPlan } from '@hsg/common';
import { Region } from './region';

/** Seed rows for the regions subgraph. */
export function regionsSeedPlan(seeds: SeedData): SeedPlan {
  return [
    {
      entity: Region,
      rows: seeds.regions.map((r) => ({
        ...r,
        inferred: r.inferred ?? false,
        note: r.note ?? null,
        basis: r.basis ?? null,
        pinyin: pinyinKeys([r.name, r.shortName, ...r.aliases]),
      })),
    },
  ];
}
