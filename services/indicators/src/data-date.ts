import { SourceDocument } from '@hsg/framework';
import type { DataSource } from 'typeorm';

/**
 * The latest date the data covers: the latest publication date of the sources it is taken from
 * ("2025-03-03"). Attainment is judged as of this date unless the caller gives one, so a judgement
 * never moves with the server's clock. The sources are seed-only (agency writes cite sources of
 * their own, not these), so the date is read once per start, in `prepare`, and a request reads
 * no statement for it.
 */
const dates = new WeakMap<DataSource, string>();

export async function rememberDataDate(dataSource: DataSource): Promise<void> {
  const row = await dataSource
    .getRepository(SourceDocument)
    .createQueryBuilder('s')
    .select('MAX(s.publishedOn)', 'latest')
    .getRawOne<{ latest: string | null }>();
  dates.set(dataSource, row?.latest ?? '1900');
}

/** The latest date `dataSource`'s data covers (see rememberDataDate). */
export function dataDateOf(dataSource: DataSource): string {
  const date = dates.get(dataSource);
  if (date === undefined) throw new Error('the data date is read in prepare, before any request');
  return date;
}

/** The year of a date as precise as the texts give it: "2025-03-03", "2024-01", "2025". */
export const yearOf = (date: string) => Number(date.slice(0, 4));

/** A date a caller may judge as of: a year, a month or a day, 1900–2100. */
export const AS_OF_PATTERN = /^(19\d\d|20\d\d|2100)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
