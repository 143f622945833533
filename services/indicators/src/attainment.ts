import { registerEnumType, Field, Float, ObjectType } from 'type-graphql';
import { dataDateOf, yearOf } from './data-date';
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
    UNDETERMINED: {
      description:
        'The target year had ended by the date judged as of, but the sources give no actual that decides it: none, a bound that straddles the target ("＜10" against "≤8"), a bare target figure for an indicator with no better direction, or a change target without a baseline. `reason` says which.',
    },
    PENDING: {
      description:
        'The target year had not ended by the date judged as of (by default the latest date the data covers), and no figure decides it yet.',
    },
  },
});

@ObjectType({ description: "A target's outcome, judged from the matching observation." })
export class Attainment {
  @Field(() => AttainmentStatus, { description: 'Met, missed, undetermined or pending.' })
  status!: AttainmentStatus;

  @Field(() => Float, {
    nullable: true,
    description:
      'The observed value for the target\'s region and year; null when the source gives only a bound ("＜10": see `observation.valueText`).',
  })
  actual!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'actual − target value (or − baseline for a change target); positive means above; null when the actual is a bound.',
  })
  gap!: number | null;

  @Field(() => String, {
    description:
      'The date the target is judged as of: the `asOf` asked for, else the latest date the data covers (the latest publication date of its sources).',
  })
  asOf!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why no judgement can be made (PENDING or UNDETERMINED), in words; null when the target is MET or MISSED.',
  })
  reason!: string | null;

  /** The observation judged; resolved as a field by the target resolver. */
  observation!: Observation | null;
}

/** "About" targets (左右) and "maintain" targets count as met within this relative tolerance. */
export const APPROX_TOLERANCE = 0.05;

/** The values an actual can be: a point, or the open or closed side of a bound ("＜10", "30%以上"). */
interface Span {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

function spanOf(value: number, qualifier: string | null | undefined): Span {
  switch (qualifier) {
    case 'GT':
      return { lo: value, loOpen: true, hi: Infinity, hiOpen: true };
    case 'GTE':
      return { lo: value, loOpen: false, hi: Infinity, hiOpen: true };
    case 'LT':
      return { lo: -Infinity, loOpen: true, hi: value, hiOpen: true };
    case 'LTE':
      return { lo: -Infinity, loOpen: true, hi: value, hiOpen: false };
    default:
      // An approximate actual ("约8100") is judged as the figure written.
      return { lo: value, loOpen: false, hi: value, hiOpen: false };
  }
}

/** True when every value of the span passes, false when none does, null when the span leaves it open. */
function judge(span: Span, comparator: string, v: number): boolean | null {
  const { lo, loOpen, hi, hiOpen } = span;
  const point = lo === hi;
  const near = (x: number) => Math.abs(x - v) <= APPROX_TOLERANCE * Math.abs(v);
  const decided = (all: boolean, none: boolean) => (all ? true : none ? false : null);
  switch (comparator) {
    case 'GTE':
      return decided(lo >= v, hi < v || (hi === v && hiOpen));
    case 'GT':
    case 'INCREASE':
      return decided(lo > v || (lo === v && loOpen), hi <= v);
    case 'LTE':
      return decided(hi <= v, lo > v || (lo === v && loOpen));
    case 'LT':
    case 'DECREASE':
      return decided(hi < v || (hi === v && hiOpen), lo >= v);
    case 'EQ':
      return point ? lo === v : decided(false, hi < v || lo > v);
    case 'APPROX':
    case 'MAINTAIN':
      return point ? near(lo) : decided(false, hi < v * (1 - APPROX_TOLERANCE) || lo > v * (1 + APPROX_TOLERANCE));
    default:
      return null;
  }
}

/** Whether the plan wrote a comparator: a bare figure ("1550", "13.0", "100%") has none. */
export function comparatorStated(valueText: string): boolean {
  return !/^[-+]?\d+(?:\.\d+)?[%％]?$/.test(valueText.trim());
}

/**
 * The comparator a target is judged by: as written, or for a bare figure the indicator's direction
 * (higher is better → at least, lower is better → at most); null when neither tells.
 */
export function judgedComparator(target: Target, direction: string | null | undefined): string | null {
  if (comparatorStated(target.valueText)) return target.comparator;
  if (direction === 'HIGHER_IS_BETTER') return 'GTE';
  if (direction === 'LOWER_IS_BETTER') return 'LTE';
  return null;
}

/**
 * What the figures decide about a target, whatever the date: met (true), missed (false) or nothing
 * yet (null), and the value it is judged against. An actual that is a bound ("＞95", "＜10") decides
 * only a target the whole bound decides: "＞95" meets "≥95", "＜10" meets "＜10", but "＜10" neither
 * meets nor misses "≤8". A bare target figure is judged by the indicator's `direction` (never for a
 * neutral one).
 */
function decide(
  target: Target,
  observation: Observation | null,
  direction: string | null,
): { met: boolean | null; reference: number | null; reason: string | null } {
  const written = observation?.value ?? null;
  const comparator = judgedComparator(target, direction);
  const change = comparator === 'INCREASE' || comparator === 'DECREASE' || comparator === 'MAINTAIN';
  const reference = change ? (target.baseline?.value ?? null) : target.value;
  if (!observation) return { met: null, reference, reason: `No observation of this indicator for this region in ${target.year}.` };
  if (written === null)
    return { met: null, reference, reason: `The observation for ${target.year} ("${observation.valueText}") is not a figure.` };
  if (comparator === null) {
    return {
      met: null,
      reference,
      reason: `The plan writes a bare figure ("${target.valueText}") and the indicator has no better direction, so neither side of it is a miss.`,
    };
  }
  if (reference === null) return { met: null, reference, reason: 'A change target with no baseline figure to measure the change from.' };
  const met = judge(spanOf(written, observation.qualifier), comparator, reference);
  const reason =
    met === null ? `The observation "${observation.valueText}" is a bound that neither meets nor misses "${target.valueText}".` : null;
  return { met, reference, reason };
}

/** What a target's `judgement` column holds: the decision without the calendar (null: none yet). */
export function judgementOf(target: Target, observation: Observation | null, direction: string | null = null): Judgement | null {
  const { met } = decide(target, observation, direction);
  return met === null ? null : met ? AttainmentStatus.MET : AttainmentStatus.MISSED;
}

export type Judgement = AttainmentStatus.MET | AttainmentStatus.MISSED;

/**
 * Judges a target against its observation (see decide) as of a date: a bound has no single
 * `actual` and no `gap`; a target left undecided is PENDING when its year had not ended by
 * `asOf`, else UNDETERMINED, and says why in `reason`.
 */
export function computeAttainment(
  target: Target,
  observation: Observation | null,
  asOf: string,
  direction: string | null = null,
): Attainment {
  const written = observation?.value ?? null;
  const bound = ['GT', 'GTE', 'LT', 'LTE'].includes(observation?.qualifier ?? '');
  const actual = bound ? null : written;
  const { met, reference, reason } = decide(target, observation, direction);
  if (met === null) {
    const pending = target.year >= yearOf(asOf);
    return {
      status: pending ? AttainmentStatus.PENDING : AttainmentStatus.UNDETERMINED,
      actual,
      gap: null,
      asOf,
      reason: pending ? `The target year ${target.year} had not ended by ${asOf}. ${reason}` : reason,
      observation,
    };
  }
  return {
    status: met ? AttainmentStatus.MET : AttainmentStatus.MISSED,
    actual,
    gap: actual === null || reference === null ? null : Math.round((actual - reference) * 1e6) / 1e6,
    asOf,
    reason: null,
    observation,
  };
}

/** Attainment as of `asOf`, else as of the latest date the data covers (never the server's clock). */
export async function attainmentOf(t: Target, ctx: IndicatorsContext, asOf?: string | null): Promise<Attainment> {
  const [observation, indicator] = await Promise.all([ctx.observationForTarget.load(t), ctx.indicatorById.load(t.indicatorId)]);
  return computeAttainment(t, observation, asOf ?? dataDateOf(ctx.dataSource), indicator?.direction);
}
