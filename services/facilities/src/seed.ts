import { pinyinKeys, type SeedData, type SeedPlan } from '@hsg/common';
import { Designation } from './designation';
import { Facility } from './facility';
import { latestReport, Project } from './project';

const base = (r: { inferred?: boolean; note?: string }) => ({ inferred: r.inferred ?? false, note: r.note ?? null });

/** Seed rows for the facilities subgraph; parents before children is not needed (no foreign keys). */
export function facilitiesSeedPlan(seeds: SeedData): SeedPlan {
  return [
    {
      entity: Facility,
      rows: seeds.facilities.map((f) => ({
        ...f,
        ...base(f),
        nameEn: f.nameEn ?? null,
        specialty: f.specialty ?? null,
        ownership: f.ownership ?? null,
        affiliation: f.affiliation ?? null,
        parentId: f.parentId ?? null,
        regionId: f.regionId ?? null,
        pinyin: pinyinKeys([f.name, ...f.aliases]),
      })),
    },
    {
      entity: Designation,
      rows: seeds.designations.map((d) => ({
        ...d,
        ...base(d),
        specialty: d.specialty ?? null,
        regionId: d.regionId ?? null,
        pinyin: pinyinKeys([d.name]),
      })),
    },
    {
      entity: Project,
      rows: seeds.projects.map((p) => {
        const latest = latestReport(p.statusReports);
        return {
          ...p,
          ...base(p),
          facilityId: p.facilityId ?? null,
          regionId: p.regionId ?? null,
          planId: p.planId ?? null,
          planSection: p.planSection ?? null,
          status: latest?.status ?? 'UNKNOWN',
          statusAsOf: latest?.asOf ?? null,
          pinyin: pinyinKeys([p.name]),
        };
      }),
    },
  ];
}
