import { Cited, FacilityType, Ownership } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('facility')
@ObjectType({ description: 'A hospital, campus, CDC, laboratory, research institute or centre named in the sources.' })
@Directive('@key(fields: "id")')
export class Facility extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Name as the sources write it (fullest form).' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Column('simple-json')
  @Field(() => [String], { description: 'Other spellings the sources use for the same place (a merge is an inference; see `note`).' })
  aliases!: string[];

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'English name, where one is accepted.' })
  nameEn!: string | null;

  @Index()
  @Column('varchar')
  @Field(() => FacilityType, { description: 'What kind of institution it is.' })
  type!: keyof typeof FacilityType;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Specialty (呼吸, 肿瘤 …), if specialised.' })
  specialty!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => Ownership, { nullable: true, description: 'Public, private or foreign-owned, where the sources tell.' })
  ownership!: keyof typeof Ownership | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The university a 附属医院 belongs to.' })
  affiliation!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  parentId!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;
}
