import { attrsOf, familyOf, shapeOf, type EntityClass } from '../declarations/declaration';
import { RegionLevel } from '../declarations/enums';
import { SCOPE_COLUMN } from './sql';

/** The family region references point at (`ref: 'regions'`): its records are the regions themselves. */
const REGIONS = 'regions';

/** Where a record lies, as the search index keeps it beside the record's spellings. */
export interface RecordPlace {
  /** The region the record lies in (a region's own id, for a region); null for a record in none. */
  regionId: string | null;
  /** A region's tier; null for every other record. */
  level: keyof typeof RegionLevel | null;
}

/**
 * Where a record lies, read off its entity's declarations: a region is its own place (a region
 * lies within itself, RegionScope's rule); any other record is where the field it declares as its
 * region points — the `ref: 'regions'` field named `regionId`, the one the region-scoped lists
 * and their scope counts read (a meeting's `venueId` refers to a region too, but is not where
 * the meeting is counted). The level is the field declared `oneOf(RegionLevel)`.
 */
export function placeOf(entity: EntityClass, record: Record<string, unknown>): RecordPlace {
  const attrs = attrsOf(entity);
  const own = familyOf(entity).family === REGIONS;
  const regionField = attrs.find((a) => a.ref === REGIONS && a.key === SCOPE_COLUMN);
  const levelField = attrs.find((a) => shapeOf(a).graphqlEnum === RegionLevel);
  const regionId = own ? record.id : regionField ? record[regionField.key] : null;
  const level = levelField ? record[levelField.key] : null;
  return {
    regionId: typeof regionId === 'string' ? regionId : null,
    level: typeof level === 'string' ? (level as keyof typeof RegionLevel) : null,
  };
}
