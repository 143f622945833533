import { Attr, Cited, Family, oneOf, period, Qualifier, regionId, slug, text, valueAgreesWithText } from '@hsg/framework';
import { Directive, ObjectType } from 'type-graphql';
import { Entity, Index } from 'typeorm';
import { z } from 'zod';
@Entity('observation')
// The first and last year a period covers, in columns so year windows filter in SQL (seeds and writes both derive them).
@Family({
  family: 'observations',
  derive: (o: { period: string }) => yearsOf(o.period),
  refine: (schema) => schema.superRefine(valueAgreesWithText()),
})
@Index(['yearFrom', 'yearTo'])
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

  @Attr(z.number().int(), { derived: true, graphql: false, default: 0 })
  yearFrom!: number;

  @Attr(z.number().int(), { derived: true, graphql: false, default: 0 })
  yearTo!: number;

  @Attr(z.number().finite().nullable(), { description: 'The number; null where the source gives none.' })
  value!: number | null;

  @Attr(text, { description: 'The value as written, with its qualifier ("＞95", "30左右").' })
  valueText!: string;

  @Attr(oneOf(Qualifier).nullish(), { description: 'The qualifier written with the value.' })
  qualifier!: keyof typeof Qualifier | null;
}

/** First and last year a period covers: "2016-2020" → 2016 to 2020, "2024-06" and "2024-06/2024-09" → 2024. */
export function yearsOf(period: string): { yearFrom: number; yearTo: number } {
  const range = /^(\d{4})-(\d{4})$/.exec(period);
  if (range) return { yearFrom: Number(range[1]), yearTo: Number(range[2]) };
  const span = /^(\d{4})[^/]*\/(\d{4})/.exec(period);
  if (span) return { yearFrom: Number(span[1]), yearTo: Number(span[2]) };
  const year = Number(period.slice(0, 4));
  return { yearFrom: year, yearTo: year };
}
