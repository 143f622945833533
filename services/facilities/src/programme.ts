import { Attr, Cited, Family, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';

const ids = z.array(slug).default([]);

@Entity('programme')
@Family({
  family: 'programmes',
  // Read-only groupings from the texts, outside the change feed (no Programme in `changes`).
  audited: () => false,
  refine: (schema) =>
    schema.refine((p: any) => p.projectIds.length + p.designationIds.length > 0, {
      message: 'a programme needs at least one member (projectIds or designationIds)',
      path: ['projectIds'],
    }),
})
@ObjectType({
  description:
    'A grouping the texts make: a programme with named members ("1+1+6": the eight national centres) or the items a plan lists under one heading (专栏6: the health-industry clusters apart from the social-capital hospitals). Its members are the projects and designations it lists, each in its `programmes`.',
})
@Directive('@key(fields: "id")')
export class Programme extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(text, {
    name: 'NAME',
    description: 'Name as written (国家医学中心和区域医疗中心“1+1+6”项目), or composed from the heading (see `note`).',
  })
  name!: string;

  /** Pinyin of the name, for `filter.search` (derived; not part of the API). */
  @Attr(z.string(), { derived: true, graphql: false, default: '' })
  pinyin!: string;

  @Attr(slug.nullish(), { graphql: false, ref: 'plans' })
  planId!: string | null;

  @Attr(text.nullish(), { searchText: true, description: 'Where the plan lists it ("专栏4 工程2").' })
  planSection!: string | null;

  @Attr(slug.nullish(), { graphql: false, ref: 'projects' })
  projectId!: string | null;

  @Attr(ids, { graphql: false, ref: 'projects' })
  projectIds!: string[];

  @Attr(ids, { graphql: false, ref: 'designations' })
  designationIds!: string[];
}
