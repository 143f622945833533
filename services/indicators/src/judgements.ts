import { Brackets, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AttainmentStatus, judgementOf } from './attainment';
import { dataDateOf, yearOf } from './data-date';
import { Indicator } from './indicator';
import { Observation } from './observation';
import { Target } from './target';

type TargetKey = Pick<Target, 'indicatorId' | 'regionId' | 'year'>;

type ObservationKey = Pick<Observation, 'indicatorId' | 'regionId' | 'period'>;

/** A target and the observation it is judged by share this: same indicator, same region, period = the target year. */
const keyOf = (indicatorId: string, regionId: string | null, period: string | number) => `${indicatorId}|${regionId ?? ''}|${period}`;
export const targetKey = (t: TargetKey) => keyOf(t.indicatorId, t.regionId, t.year);
const observationKey = (o: ObservationKey) => keyOf(o.indicatorId, o.regionId, o.period);

/** The observation each target is judged by (the first by id where several match), in one statement. */
export async function observationsFor(manager: EntityManager, targets: readonly TargetKey[]): Promise<(Observation | null)[]> {
  if (targets.length === 0) return [];
  const rows = await manager.getRepository(Observation).findBy({
    indicatorId: In([...new Set(targets.map((t) => t.indicatorId))]),
    period: In([...new Set(targets.map((t) => String(t.year)))]),
  });
  const byKey = new Map<string, Observation>();
  for (const o of rows.sort((a, b) => a.id.localeCompare(b.id))) {
    if (!byKey.has(observationKey(o))) byKey.set(observationKey(o), o);
  }
  return targets.map((t) => byKey.get(targetKey(t)) ?? null);
}

/** Which targets a change can have re-decided: every one (a seed load), some by id (a target write), or those an observation is the figure for. */
export type Rejudge = { all: true } | { ids: string[] } | { observed: ObservationKey[] };

/** SQLite binds at most a few thousand parameters per statement. */
const CHUNK = 500;

/**
 * Brings `target.judgement` up to date for the targets a change can touch, in the change's own
 * transaction: reads them, their observations and their indicators' directions (one statement
 * each), and updates only the rows whose judgement moved (one statement per new value and chunk).
 */
export async function refreshJudgements(manager: EntityManager, which: Rejudge): Promise<void> {
  const repository = manager.getRepository(Target);
  let targets: Target[];
  if ('all' in which) targets = await repository.find();
  else if ('ids' in which) targets = which.ids.length ? await repository.findBy({ id: In(which.ids) }) : [];
  else {
    const keys = new Set(which.observed.map(observationKey));
    const years = which.observed.map((o) => Number(o.period)).filter((y) => Number.isInteger(y));
    targets = years.length
      ? (
          await repository.findBy({
            indicatorId: In([...new Set(which.observed.map((o) => o.indicatorId))]),
            year: In([...new Set(years)]),
          })
        ).filter((t) => keys.has(targetKey(t)))
      : [];
  }
  if (targets.length === 0) return;
  const observations = await observationsFor(manager, targets);
  const directions = new Map(
    (await manager.getRepository(Indicator).findBy({ id: In([...new Set(targets.map((t) => t.indicatorId))]) })).map((i) => [
      i.id,
      i.direction,
    ]),
  );
  const moved = new Map<string | null, string[]>();
  targets.forEach((t, i) => {
    const judgement = judgementOf(t, observations[i], directions.get(t.indicatorId) ?? null);
    if (judgement !== (t.judgement ?? null)) moved.set(judgement, [...(moved.get(judgement) ?? []), t.id]);
  });
  for (const [judgement, ids] of moved) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await manager
        .createQueryBuilder()
        .update(Target)
        .set({ judgement })
        .where({ id: In(ids.slice(i, i + CHUNK)) })
        .execute();
    }
  }
}

/**
 * The `attainment` filter as SQL over the stored judgement: MET and MISSED as decided; PENDING and
 * UNDETERMINED are the undecided targets whose year had not ended, and had, by the latest date the
 * data covers (the date `attainment` is judged as of when no `asOf` is given).
 */
export function whereAttainment<T extends object>(qb: SelectQueryBuilder<T>, alias: string, wanted: AttainmentStatus[]): void {
  const decided = wanted.filter((s) => s === AttainmentStatus.MET || s === AttainmentStatus.MISSED);
  qb.andWhere(
    new Brackets((or) => {
      if (decided.length) or.orWhere(`${alias}.judgement IN (:...decided)`, { decided });
      if (wanted.includes(AttainmentStatus.PENDING)) or.orWhere(`(${alias}.judgement IS NULL AND ${alias}.year >= :judgedIn)`);
      if (wanted.includes(AttainmentStatus.UNDETERMINED)) or.orWhere(`(${alias}.judgement IS NULL AND ${alias}.year < :judgedIn)`);
    }),
    { judgedIn: yearOf(dataDateOf(qb.connection)) },
  );
}
