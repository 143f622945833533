import { Cited } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('person')
@ObjectType({ description: 'A person the sources name: an official, a speaker, a byline.' })
@Directive('@key(fields: "id")')
export class Person extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug (pinyin of the name).' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Name as written (刘利群).' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'MALE or FEMALE where a source says; null otherwise.' })
  gender!: string | null;
}
