import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One searchable spelling of one entity: its name, an alias, its English name, or the pinyin of
 * a Chinese name. Not a GraphQL type; the index behind `Query.search`.
 */
@Entity('search_term')
@Index(['kind', 'entityId'])
export class SearchTerm {
  /** Also the rowid the SQLite full-text index points at. */
  @PrimaryColumn('integer')
  id!: number;

  /** GraphQL type name of the entity (Region, Facility, …). */
  @Column('varchar')
  kind!: string;

  @Column('varchar')
  entityId!: string;

  /** Which spelling this is (a SearchField value). */
  @Column('varchar')
  field!: string;

  /** The spelling as shown to people: the Chinese, English or spaced pinyin text. */
  @Column('varchar')
  value!: string;

  /** `value` normalised for matching (see normalize()). */
  @Column('varchar')
  normalized!: string;

  /**
   * Where the entity lies, as its owner publishes it (placeOf): a region's own id, else the region
   * it declares; null for an entity in none. `search(within:)` matches it by RegionScope's rule.
   * Kept on every spelling, so "within" is one more condition of the one search statement.
   */
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  /** A region's tier (a RegionLevel value), null for other entities: `search(levels:)` and the level weight read it. */
  @Column('varchar', { nullable: true })
  level!: string | null;
}
