import { Cited, DesignationKind, DesignationStatus } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('designation')
@ObjectType({ description: 'A national or provincial title a facility hosts (国家医学中心, 国家区域医疗中心 …).' })
@Directive('@key(fields: "id")')
export class Designation extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Index()
  @Column('varchar')
  @Field(() => DesignationKind, { description: 'Which title.' })
  kind!: keyof typeof DesignationKind;

  @Column('varchar')
  @Field(() => String, { description: 'Name as written (国家呼吸医学中心).' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Specialty of the title, if any.' })
  specialty!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  hostId!: string | null;

  @Column('varchar')
  @Field(() => DesignationStatus, { description: 'Where the designation stands, per the sources.' })
  status!: keyof typeof DesignationStatus;

  @Column('varchar', { nullable: true })
  regionId!: string | null;
}
