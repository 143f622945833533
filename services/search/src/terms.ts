import { familyOf, hasHan, namesOf, normalize, pinyinOf, type EntityClass, type SeedData } from '@hsg/framework';
import type { SearchField } from './search-hit';
import type { SearchTerm } from './search-term';

/**
 * Every searchable spelling of every record of the indexed entities: the fields each entity
 * declares as names (see `@Attr({ name })`), and the pinyin and pinyin initials of the Chinese ones
 * (for a record its family marks brief, the Chinese names and their pinyin only).
 */
export function searchTerms(entities: EntityClass[], seeds: SeedData): Omit<SearchTerm, 'id'>[] {
  const rows: Omit<SearchTerm, 'id'>[] = [];
  for (const entity of entities) {
    const { family, person = false, briefSearch } = familyOf(entity);
    for (const record of seeds[family]) {
      const brief = briefSearch?.(record) ?? false;
      const seen = new Set<string>();
      const add = (field: SearchField, value: string) => {
        const normalized = normalize(value);
        if (!normalized || seen.has(`${field}|${normalized}`)) return;
        seen.add(`${field}|${normalized}`);
        rows.push({ kind: entity.name, entityId: record.id, field, value, normalized });
      };
      for (const { field, value } of namesOf(entity, record)) {
        if (brief && field === 'NAME_EN') continue;
        add(field, value);
        if (hasHan(value)) {
          const { full, initials } = pinyinOf(value, person);
          add('PINYIN', full);
          if (!brief) add('PINYIN_INITIALS', initials);
        }
      }
    }
  }
  return rows;
}
