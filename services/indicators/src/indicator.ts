import { Cited, Direction } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('indicator')
@ObjectType({
  description: 'A measured quantity (life expectancy, beds per 1000 people …), after the WHO GHO and World Bank indicator models.',
})
@Directive('@key(fields: "id")')
export class Indicator extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug (life-expectancy).' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Chinese name as the sources write it.' })
  name!: string;

  /** Pinyin of the Chinese names for `filter.search` (pinyinKeys); not part of the API. */
  @Column('varchar', { default: '' })
  pinyin!: string;

  @Column('varchar')
  @Field(() => String, { description: 'English name.' })
  nameEn!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Unit as written (岁, ‰, 1/10万, %, 张 …).' })
  unit!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Domain the source groups it under (健康水平, 健康服务, 卫生资源 …).' })
  domain!: string | null;

  @Column('varchar')
  @Field(() => Direction, { description: 'Which way is better.' })
  direction!: keyof typeof Direction;
}
