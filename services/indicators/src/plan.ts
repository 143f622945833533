import { Cited } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('plan')
@ObjectType({
  description: "A plan or action programme that sets targets (the Guangzhou 14th-FYP health plan, the province's ten 2025 actions …).",
})
@Directive('@key(fields: "id")')
export class Plan extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug (gz-health-14th-fyp).' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Name as written.' })
  name!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Years it covers ("2021-2025").' })
  period!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Who issued it.' })
  issuer!: string | null;
}
