import { Attr, Cited, Family, oneOf, OrganizationType, regionId, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@Entity('organization')
@Family({ family: 'organizations' })
@ObjectType({ description: 'A government body, commission, bureau, party committee or working group named in the sources.' })
@Directive('@key(fields: "id")')
export class Organization extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Full name (广东省卫生健康委员会); expanded from a short form where `inferred`.' })
  name!: string;

  /** Pinyin of the names, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(text.nullish(), { name: 'SHORT_NAME', description: 'Short form the sources use (省卫生健康委).' })
  shortName!: string | null;

  @Attr(z.array(text).default([]), { name: 'ALIAS', description: 'Other names the sources use.' })
  aliases!: string[];

  @Attr(text.nullish(), {
    name: 'NAME_EN',
    description: 'English name (Shenzhen Municipal Health Commission): curated, after the body\u2019s own usage; the texts give none.',
  })
  nameEn!: string | null;

  @Attr(oneOf(OrganizationType), {
    index: true,
    description: 'What kind of body it is.',
    deprecationReason:
      'Use `organizationType`, the same value (`type` conflicts with `Facility.type` and `Project.type` in one `search` selection); removed after 2027-06-30',
  })
  type!: keyof typeof OrganizationType;

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

  @Attr(slug.nullish(), { index: true, graphql: false, ref: 'organizations' })
  parentId!: string | null;
}
