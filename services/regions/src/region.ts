import { Cited, RegionKind, RegionLevel } from '@hsg/common';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Entity('region')
@ObjectType({ description: 'An administrative division of China (by its GB/T 2260 code) or a named area such as 粤港澳大湾区.' })
@Directive('@key(fields: "id")')
export class Region extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, {
    description: 'The 6-digit GB/T 2260 code for a division ("440100" Guangzhou); a slug for a named area ("greater-bay-area").',
  })
  id!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'GB/T 2260 code; null for a named area.' })
  adminCode!: string | null;

  @Column('varchar')
  @Field(() => String, { description: 'Full Chinese name (广州市).' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Short name (广州).' })
  shortName!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Accepted English name.' })
  nameEn!: string;

  @Column('simple-json')
  @Field(() => [String], { description: 'Other names (穗, 南沙新区 …).' })
  aliases!: string[];

  @Index()
  @Column('varchar')
  @Field(() => RegionLevel, { description: 'Tier in the hierarchy.' })
  level!: keyof typeof RegionLevel;

  @Column('varchar')
  @Field(() => RegionKind, { description: 'Kind of division or area.' })
  kind!: keyof typeof RegionKind;

  @Index()
  @Column('varchar', { nullable: true })
  parentId!: string | null;

  @Column('simple-json')
  memberIds!: string[];

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'For a division no source text names: the code table it comes from ("GB/T 2260").' })
  basis!: string | null;
}
