import { Cited, OrganizationType } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('organization')
@ObjectType({ description: 'A government body, commission, bureau, party committee or working group named in the sources.' })
@Directive('@key(fields: "id")')
export class Organization extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Full name (广东省卫生健康委员会); expanded from a short form where `inferred`.' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Short form the sources use (省卫生健康委).' })
  shortName!: string | null;

  @Column('simple-json')
  @Field(() => [String], { description: 'Other names the sources use.' })
  aliases!: string[];

  @Index()
  @Column('varchar')
  @Field(() => OrganizationType, { description: 'What kind of body it is.' })
  type!: keyof typeof OrganizationType;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  parentId!: string | null;
}
