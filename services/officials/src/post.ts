import { Cited } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Organization } from './organization';

@Entity('post')
@ObjectType({ description: 'A person seen holding titles in an organization at a date: one sighting in a source, not a whole tenure.' })
@Directive('@key(fields: "id")')
export class Post extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Index()
  @Column('varchar')
  personId!: string;

  @Index()
  @Column('varchar')
  organizationId!: string;

  @Column('simple-json')
  @Field(() => [String], { description: 'Titles as written, in order (党组书记, 主任).' })
  titles!: string[];

  @Column('boolean')
  @Field(() => Boolean, { description: 'Whether the post heads the organization (主任, 局长, 党组书记 of the body …).' })
  isHead!: boolean;

  @Index()
  @Column('varchar')
  @Field(() => String, { description: 'The date the source shows the post held: "2021" (year only), "2024-01" or "2025-01-22".' })
  asOf!: string;

  /** Set only by Region.officials' query, which joins the organization to split its rows per region. */
  joinedOrganization?: Organization;
}
