import { Attr, Cited, date, Family, slug, text } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';
import type { Organization } from './organization';

@Entity('post')
@Family({ family: 'posts' })
@ObjectType({ description: 'A person seen holding titles in an organization at a date: one sighting in a source, not a whole tenure.' })
@Directive('@key(fields: "id")')
export class Post extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(slug, { index: true, graphql: false, ref: 'people' })
  personId!: string;

  @Attr(slug, { index: true, graphql: false, ref: 'organizations' })
  organizationId!: string;

  @Attr(z.array(text).min(1), { description: 'Titles as written, in order (党组书记, 主任).' })
  titles!: string[];

  @Attr(z.boolean(), { description: 'Whether the post heads the organization (主任, 局长, 党组书记 of the body …).' })
  isHead!: boolean;

  @Attr(date, { index: true, description: 'The date the source shows the post held: "2021" (year only), "2024-01" or "2025-01-22".' })
  asOf!: string;

  /** Set only where a query maps the joined organization onto its posts. */
  joinedOrganization?: Organization;

  /** Set where the post answers an `asOf` date (see `stale`). */
  stale?: boolean;
}
