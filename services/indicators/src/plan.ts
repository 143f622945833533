import { Attr, Cited, Family, period, regionId, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@Entity('plan')
@Family({ family: 'plans' })
@ObjectType({
  description: "A plan or action programme that sets targets (the Guangzhou 14th-FYP health plan, the province's ten 2025 actions …).",
})
@Directive('@key(fields: "id")')
export class Plan extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug (gz-health-14th-fyp).' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Name as written.' })
  name!: string;

  /** Pinyin of the name and aliases, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(text.nullish(), { name: 'NAME_EN', description: 'English name.' })
  nameEn!: string | null;

  @Attr(z.array(text).default([]), {
    name: 'ALIAS',
    description:
      'Other names it goes by: how the texts shorten it or name its subject (检查检验结果互认 for the mutual-recognition plan), which `search` and `filter.search` find.',
  })
  aliases!: string[];

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

  @Attr(period.nullish(), { description: 'Years it covers ("2021-2025").' })
  period!: string | null;

  @Attr(text.nullish(), {
    description: 'Who issued it, as the text writes it (expanded to full names where `inferred`); `issuers` are the organizations.',
  })
  issuer!: string | null;

  @Attr(z.array(slug).default([]), { graphql: false, ref: 'organizations', default: '[]' })
  issuerIds!: string[];
}
