import { pinyinKeys, type SeedData, type SeedPlan } from '@hsg/common';
import { Indicator } from './indicator';
import { Observation } from './observation';
import { Plan } from './plan';
import { Target } from './target';

const base = (r: { inferred?: boolean; note?: string }) => ({ inferred: r.inferred ?? false, note: r.note ?? null });

export function indicatorsSeedPlan(seeds: SeedData): SeedPlan {
  return [
    {
      entity: Indicator,
      rows: seeds.indicators.map((i) => ({ ...i, ...base(i), domain: i.domain ?? null, pinyin: pinyinKeys([i.name]) })),
    },
    {
      entity: Observation,
      rows: seeds.observations.map((o) => ({ ...o, ...base(o), regionId: o.regionId ?? null, qualifier: o.qualifier ?? null })),
    },
    {
      entity: Plan,
      rows: seeds.plans.map((p) => ({
        ...p,
        ...base(p),
        nameEn: p.nameEn ?? null,
        regionId: p.regionId ?? null,
        period: p.period ?? null,
        issuer: p.issuer ?? null,
      })),
    },
    {
      entity: Target,
      rows: seeds.targets.map((t) => ({
        ...t,
        ...base(t),
        regionId: t.regionId ?? null,
        nature: t.nature ?? null,
        baseline: t.baseline ?? null,
      })),
    },
  ];
}
