import { Attr, Cited, DesignationKind, DesignationStatus, Family, oneOf, regionId, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

@Entity('designation')
@Family({ family: 'designations' })
@ObjectType({ description: 'A national or provincial title a facility hosts (国家医学中心, 国家区域医疗中心 …).' })
@Directive('@key(fields: "id")')
export class Designation extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(oneOf(DesignationKind), { index: true, description: 'Which title.' })
  kind!: keyof typeof DesignationKind;

  @Attr(text, { name: 'NAME', description: 'Name as written (国家呼吸医学中心).' })
  name!: string;

  /** Pinyin of the name, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(text.nullish(), { description: 'Specialty of the title, if any.' })
  specialty!: string | null;

  @Attr(slug.nullable(), { index: true, graphql: false, ref: 'facilities' })
  hostId!: string | null;

  @Attr(oneOf(DesignationStatus), { description: 'Where the designation stands, per the sources.' })
  status!: keyof typeof DesignationStatus;

  @Attr(regionId.nullish(), { graphql: false, ref: 'regions' })
  regionId!: string | null;
}
