import { Attr, Cited, Family, FacilityType, oneOf, Ownership, regionId, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@Entity('facility')
@Family({ family: 'facilities' })
@ObjectType({ description: 'A hospital, campus, CDC, laboratory, research institute or centre named in the sources.' })
@Directive('@key(fields: "id")')
export class Facility extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Name as the sources write it (fullest form).' })
  name!: string;

  /** Pinyin of the names, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(z.array(text).default([]), {
    name: 'ALIAS',
    description: 'Other spellings the sources use for the same place (a merge is an inference; see `note`).',
  })
  aliases!: string[];

  @Attr(text.nullish(), { name: 'NAME_EN', description: 'English name, where one is accepted.' })
  nameEn!: string | null;

  @Attr(oneOf(FacilityType), {
    index: true,
    description: 'What kind of institution it is.',
    deprecationReason:
      'Use `facilityType`, the same value (`type` conflicts with `Project.type` and `Organization.type` in one `search` selection); removed after 2027-06-30',
  })
  type!: keyof typeof FacilityType;

  @Attr(text.nullish(), { description: 'Specialty (呼吸, 肿瘤 …), if specialised.' })
  specialty!: string | null;

  @Attr(oneOf(Ownership).nullish(), { description: 'Public, private or foreign-owned, where the sources tell.' })
  ownership!: keyof typeof Ownership | null;

  @Attr(text.nullish(), { searchText: true, description: 'The university a 附属医院 belongs to.' })
  affiliation!: string | null;

  @Attr(slug.nullish(), { index: true, graphql: false, ref: 'facilities' })
  parentId!: string | null;

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;
}
