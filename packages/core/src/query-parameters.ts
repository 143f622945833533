import type { ServerResponse } from 'node:http';
import { graphqlError } from './http';

/** A URL query parameter refused: which one, and why (answered as 400 BAD_USER_INPUT naming it). */
export class ParameterError extends Error {
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/** Longest part of a refused value quoted back. */
const QUOTED_CHARS = 40;
export const quoted = (value: string) => JSON.stringify(value.length > QUOTED_CHARS ? `${value.slice(0, QUOTED_CHARS)}…` : value);

/** The one value of a parameter, or null when absent. Given twice it is refused: which one counts would be a guess. */
export function singleParameter(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new ParameterError(`Give "${name}" once; got ${values.length} values.`, name);
  return values[0] ?? null;
}

/**
 * A whole number in decimal digits (no sign, "0x", exponent, fraction or spaces: `Number()`
 * reads "0x10" as 16 and " 5" as 5) within [min, max]; `fallback` when absent. `what` names it
 * in the message ("a sequence number").
 */
export function wholeParameter(
  params: URLSearchParams,
  name: string,
  range: { min: number; max: number; fallback: number; what: string },
): number {
  const text = singleParameter(params, name);
  if (text === null) return range.fallback;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw new ParameterError(
      `"${name}" must be ${range.what} in decimal digits, from ${range.min} to ${range.max}; got ${quoted(text)}.`,
      name,
    );
  }
  return value;
}

/** Answers a ParameterError; true when it was one. */
export function refuseParameter(res: ServerResponse, e: unknown): boolean {
  if (!(e instanceof ParameterError)) return false;
  graphqlError(res, 400, 'BAD_USER_INPUT', e.message, { parameter: e.parameter });
  return true;
}
