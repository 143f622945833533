import { Attr, Cited, Direction, Family, oneOf, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@Entity('indicator')
@Family({ family: 'indicators' })
@ObjectType({
  description: 'A measured quantity (life expectancy, beds per 1000 people …), after the WHO GHO and World Bank indicator models.',
})
@Directive('@key(fields: "id")')
export class Indicator extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug (life-expectancy).' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Chinese name as the sources write it.' })
  name!: string;

  /** Pinyin of the name, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(text, { name: 'NAME_EN', description: 'English name.' })
  nameEn!: string;

  @Attr(z.array(text).default([]), {
    name: 'ALIAS',
    description:
      'Other spellings of it: how the texts write it where that differs from `name` (托位数 for 每千人口拥有3岁以下婴幼儿托位数), and the word people search by (托育).',
  })
  aliases!: string[];

  @Attr(text.nullable(), { description: 'Unit as written (岁, ‰, 1/10万, %, 张 …).' })
  unit!: string | null;

  @Attr(text.nullish(), { description: 'Domain the source groups it under (健康水平, 健康服务, 卫生资源 …).' })
  domain!: string | null;

  @Attr(oneOf(Direction), { description: 'Which way is better.' })
  direction!: keyof typeof Direction;
}
