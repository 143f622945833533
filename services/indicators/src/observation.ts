import { Cited, Qualifier } from '@hsg/common';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('observation')
@ObjectType({ description: 'One value of an indicator for a region and period, as a source states it.' })
@Directive('@key(fields: "id")')
export class Observation extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Index()
  @Column('varchar')
  indicatorId!: string;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  @Index()
  @Column('varchar')
  @Field(() => String, { description: 'A year ("2020"), a month ("2024-06") or a range ("2016-2020").' })
  period!: string;

  @Column('double precision', { nullable: true })
  @Field(() => Float, { nullable: true, description: 'The number; null where the source gives none.' })
  value!: number | null;

  @Column('varchar')
  @Field(() => String, { description: 'The value as written, with its qualifier ("＞95", "30左右").' })
  valueText!: string;

  @Column('varchar', { nullable: true })
  @Field(() => Qualifier, { nullable: true, description: 'The qualifier written with the value.' })
  qualifier!: keyof typeof Qualifier | null;
}

/** First and last year a period covers: "2016-2020" → [2016, 2020], "2024-06" → [2024, 2024]. */
export function periodYears(period: string): [number, number] {
  const range = /^(\d{4})-(\d{4})$/.exec(period);
  if (range) return [Number(range[1]), Number(range[2])];
  const year = Number(period.slice(0, 4));
  return [year, year];
}
