import { hasHan, normalize, pinyinOf, type SeedData } from '@hsg/common';
import type { SearchTerm } from './search-term';
import type { SearchField } from './search-hit';

interface Named {
  kind: string;
  id: string;
  names: { field: SearchField; value: string | null | undefined }[];
  /** People's names read their first character as a surname. */
  person?: boolean;
}

/** Every searchable spelling of every region, facility, project, indicator, organization and person. */
export function searchTerms(seeds: SeedData): Omit<SearchTerm, 'id'>[] {
  const entities: Named[] = [
    ...seeds.regions.map((r) => ({
      kind: 'Region',
      id: r.id,
      names: [
        { field: 'NAME' as const, value: r.name },
        { field: 'SHORT_NAME' as const, value: r.shortName },
        ...r.aliases.map((a) => ({ field: 'ALIAS' as const, value: a })),
        { field: 'NAME_EN' as const, value: r.nameEn },
      ],
    })),
    ...seeds.facilities.map((f) => ({
      kind: 'Facility',
      id: f.id,
      names: [
        { field: 'NAME' as const, value: f.name },
        ...f.aliases.map((a) => ({ field: 'ALIAS' as const, value: a })),
        { field: 'NAME_EN' as const, value: f.nameEn },
      ],
    })),
    ...seeds.projects.map((p) => ({ kind: 'Project', id: p.id, names: [{ field: 'NAME' as const, value: p.name }] })),
    ...seeds.indicators.map((i) => ({
      kind: 'Indicator',
      id: i.id,
      names: [
        { field: 'NAME' as const, value: i.name },
        { field: 'NAME_EN' as const, value: i.nameEn },
      ],
    })),
    ...seeds.organizations.map((o) => ({
      kind: 'Organization',
      id: o.id,
      names: [
        { field: 'NAME' as const, value: o.name },
        { field: 'SHORT_NAME' as const, value: o.shortName },
        ...o.aliases.map((a) => ({ field: 'ALIAS' as const, value: a })),
      ],
    })),
    ...seeds.people.map((p) => ({ kind: 'Person', id: p.id, names: [{ field: 'NAME' as const, value: p.name }], person: true })),
  ];

  const rows: Omit<SearchTerm, 'id'>[] = [];
  for (const entity of entities) {
    const seen = new Set<string>();
    const add = (field: SearchField, value: string) => {
      const normalized = normalize(value);
      if (!normalized || seen.has(`${field}|${normalized}`)) return;
      seen.add(`${field}|${normalized}`);
      rows.push({ kind: entity.kind, entityId: entity.id, field, value, normalized });
    };
    for (const { field, value } of entity.names) {
      if (!value) continue;
      add(field, value);
      if (hasHan(value)) {
        const { full, initials } = pinyinOf(value, entity.person ?? false);
        add('PINYIN', full);
        add('PINYIN_INITIALS', initials);
      }
    }
  }
  return rows;
}
