import { Attr, Cited, Family, oneOf, period, Qualifier, regionId, slug, text } from '@hsg/common';
import { Directive, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';
@Entity('observation')
@Family({ family: 'observations' })
@ObjectType({ description: 'One value of an indicator for a region and period, as a source states it.' })
@Directive('@key(fields: "id")')
export class Observation extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(slug, { index: true, graphql: false, ref: 'indicators' })
  indicatorId!: string;

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

  @Attr(period, { index: true, description: 'A year ("2020"), a month ("2024-06") or a range ("2016-2020").' })
  period!: string;

  @Attr(z.number().finite().nullable(), { description: 'The number; null where the source gives none.' })
  value!: number | null;

  @Attr(text, { description: 'The value as written, with its qualifier ("＞95", "30左右").' })
  valueText!: string;

  @Attr(oneOf(Qualifier).nullish(), { description: 'The qualifier written with the value.' })
  qualifier!: keyof typeof Qualifier | null;
}

/** First and last year a period covers: "2016-2020" → [2016, 2020], "2024-06" → [2024, 2024]. */
export function periodYears(period: string): [number, number] {
  const range = /^(\d{4})-(\d{4})$/.exec(period);
  if (range) return [Number(range[1]), Number(range[2])];
  const year = Number(period.slice(0, 4));
  return [year, year];
}
