import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlError, searchedTypesOf, SEARCHED_TYPES, sendJson, type SubgraphName } from '@hsg/core';
import { familyOf, namesOf, type EntityClass, type NameField } from '../declarations/declaration';
import { placeOf } from '../region-scope/place';
import { readSeeds, type SeedData } from '../seeding/seeds';
import { normalize } from './normalize';
import { hasHan, pinyinOf } from './pinyin';

/** Which spelling of a record a search term is. */
export type SpellingField = NameField | 'PINYIN' | 'PINYIN_INITIALS';

/** One searchable spelling of one record, as an owner publishes it for the search index. */
export interface PublishedTerm {
  kind: string;
  entityId: string;
  field: SpellingField;
  value: string;
  normalized: string;
  /** Where the record lies (placeOf): a region's own id, else the region it declares; null for none. `search(within:)` reads it. */
  regionId: string | null;
  /** A region's tier, null for other records: `search(levels:)` and the level weight read it. */
  level: string | null;
}

/** Where an owner publishes the spellings of its seeded records, for the search subgraph's first index. */
export const SEARCH_TERMS_PATH = '/_search-terms';

/**
 * Every searchable spelling of every record of the given entities: the fields each declares as
 * names (`@Attr({ name })`), and the pinyin and pinyin initials of the Chinese ones (for a record
 * its family marks brief, the Chinese names and their pinyin only).
 */
export function searchTerms(entities: EntityClass[], seeds: SeedData): PublishedTerm[] {
  const rows: PublishedTerm[] = [];
  for (const entity of entities) {
    const { family, person = false, briefSearch } = familyOf(entity);
    for (const record of seeds[family] ?? []) {
      const brief = briefSearch?.(record) ?? false;
      const place = placeOf(entity, record);
      const seen = new Set<string>();
      const add = (field: SpellingField, value: string) => {
        const normalized = normalize(value);
        if (!normalized || seen.has(`${field}|${normalized}`)) return;
        seen.add(`${field}|${normalized}`);
        rows.push({ kind: entity.name, entityId: record.id, field, value, normalized, ...place });
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

/** The entities of a subgraph that `search` finds (the manifest's SEARCHED_TYPES), in that order. */
export function searchedEntities(owner: SubgraphName, entities: EntityClass[]): EntityClass[] {
  const searched = searchedTypesOf(owner);
  return entities.filter((e) => (searched as string[]).includes(e.name)).sort((a, b) => rank(a) - rank(b));
}
const rank = (entity: EntityClass) => (SEARCHED_TYPES as readonly string[]).indexOf(entity.name);

/**
 * `GET /_search-terms`: the spellings of the owner's seeded records, in seed order, for the search
 * subgraph's first index (changes after the seed load reach it through the change feed, each with
 * its spellings). Computed from the declarations here, where the entities are declared, so the
 * search subgraph needs none of them.
 */
export function serveSearchTerms(seedsDir: string, searched: EntityClass[], req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') return graphqlError(res, 405, 'BAD_REQUEST', `Use GET for ${SEARCH_TERMS_PATH}.`);
  const seeds = readSeeds(seedsDir, searched);
  sendJson(res, 200, { terms: searchTerms(searched, seeds) });
}
