import { registerEnumType, Field, Float, ObjectType } from 'type-graphql';
import type { IndicatorsContext } from './loaders';
import type { Observation } from './observation';
import type { Target } from './target';

export enum AttainmentStatus {
  MET = 'MET',
  MISSED = 'MISSED',
  UNDETERMINED = 'UNDETERMINED',
  PENDING = 'PENDING',
}
registerEnumType(AttainmentStatus, {
  name: 'AttainmentStatus',
  description: 'Whether a target was met, judged from the observation for its region and year.',
  valuesConfig: {
    MET: { description: 'The actual value satisfies the comparator.' },
    MISSED: { description: 'The actual value does not satisfy the comparator.' },
    UNDETERMINED: { description: 'The year has passed but the sources give no comparable actual value.' },
    PENDING: { description: 'The target year has not ended yet.' },
  },
});

@ObjectType({ description: "A target's outcome, computed on request from the matching observation; never stored." })
export class Attainment {
  @Field(() => AttainmentStatus, { description: 'Met, missed, undetermined or pending.' })
  status!: AttainmentStatus;

  @Field(() => Float, { nullable: true, description: "The observed value for the target's region and year." })
  actual!: number | null;

  @Field(() => Float, { nullable: true, description: 'actual − target value (or − baseline for a change target); positive means above.' })
  gap!: number | null;

  /** The observation judged; resolved as a field by the target resolver. */
  observation!: Observation | null;
}

/** "About" targets (左右) and "maintain" targets count as met within this relative tolerance. */
export const APPROX_TOLERANCE = 0.05;

/**
 * Judges a target against its observation. A qualifier on the actual value counts: an actual of
 * "＞95" meets "≥95". `currentYear` decides whether a target without data is still pending.
 */
export function computeAttainment(target: Target, observation: Observation | null, currentYear: number): Attainment {
  const actual = observation?.value ?? null;
  const undecided = (): Attainment => ({
    status: target.year >= currentYear ? AttainmentStatus.PENDING : AttainmentStatus.UNDETERMINED,
    actual,
    gap: null,
    observation,
  });
  if (actual === null) return undecided();
  // Nudge a qualified actual just past its bound so "＞95" beats "≥95" and "＜5" beats "≤5".
  const nudge = observation?.qualifier === 'GT' ? 1e-9 : observation?.qualifier === 'LT' ? -1e-9 : 0;
  const a = actual + nudge;
  const reference = target.value ?? target.baseline?.value ?? null;
  const near = (x: number, y: number) => Math.abs(x - y) <= APPROX_TOLERANCE * Math.abs(y);
  let met: boolean | null;
  switch (target.comparator) {
    case 'GTE':
      met = target.value === null ? null : a >= target.value;
      break;
    case 'LTE':
      met = target.value === null ? null : a <= target.value;
      break;
    case 'GT':
      met = target.value === null ? null : a > target.value;
      break;
    case 'LT':
      met = target.value === null ? null : a < target.value;
      break;
    case 'EQ':
      met = target.value === null ? null : actual === target.value;
      break;
    case 'APPROX':
      met = target.value === null ? null : near(actual, target.value);
      break;
    case 'INCREASE':
      met = target.baseline?.value == null ? null : a > target.baseline.value;
      break;
    case 'DECREASE':
      met = target.baseline?.value == null ? null : a < target.baseline.value;
      break;
    case 'MAINTAIN':
      met = target.baseline?.value == null ? null : near(actual, target.baseline.value);
      break;
    default:
      met = null;
  }
  if (met === null) return undecided();
  return {
    status: met ? AttainmentStatus.MET : AttainmentStatus.MISSED,
    actual,
    gap: reference === null ? null : Math.round((actual - reference) * 1e6) / 1e6,
    observation,
  };
}

/** Attainment is judged against the calendar: a target for this year or later is still pending. */
export const attainmentOf = async (t: Target, ctx: IndicatorsContext): Promise<Attainment> =>
  computeAttainment(t, await ctx.observationForTarget.load(t), new Date().getFullYear());

/** Keeps the targets whose attainment is one of the wanted statuses (one batched statement for all). */
export async function withAttainment(
  targets: Target[],
  wanted: AttainmentStatus[] | null | undefined,
  ctx: IndicatorsContext,
): Promise<Target[]> {
  if (!wanted?.length) return targets;
  const judged = await Promise.all(targets.map((t) => attainmentOf(t, ctx)));
  return targets.filter((_, i) => wanted.includes(judged[i].status));
}
