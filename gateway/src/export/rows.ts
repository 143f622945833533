/** A flat row: dotted column names to scalar values. */
export type Row = Record<string, string | number | boolean | null>;

export interface Rows {
  /** Where the flattened list sits in the result, e.g. "region.projects.nodes" ("" when none). */
  path: string;
  columns: string[];
  rows: Row[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Finds the longest list in a result (the shallowest on a tie), with its dotted path. */
function longestList(value: Json, path: string[] = []): { path: string[]; list: Json[] } | null {
  let best: { path: string[]; list: Json[] } | null = Array.isArray(value) ? { path, list: value } : null;
  const children: [string, Json][] = Array.isArray(value)
    ? [] // lists inside list items stay inside their row (see flattenInto)
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) {
    const found = longestList(child, [...path, key]);
    if (found && (!best || found.list.length > best.list.length)) best = found;
  }
  return best;
}

/**
 * Flattens one value into a row: nested objects become dotted columns ("facility.name"), and a
 * list inside the row becomes one column per leaf path with the values joined by "; "
 * ("facility.designations.kind" = "NATIONAL_MEDICAL_CENTER; …").
 */
function flattenInto(row: Row, value: Json, prefix: string): void {
  if (value === null || typeof value !== 'object') {
    row[prefix] = value;
    return;
  }
  if (Array.isArray(value)) {
    const parts: Record<string, string[]> = {};
    for (const item of value) {
      const sub: Row = {};
      flattenInto(sub, item, prefix);
      for (const [k, v] of Object.entries(sub)) if (v !== null) (parts[k] ??= []).push(String(v));
    }
    if (Object.keys(parts).length === 0) row[prefix] = null;
    for (const [k, vs] of Object.entries(parts)) row[k] = vs.join('; ');
    return;
  }
  for (const [key, child] of Object.entries(value)) flattenInto(row, child, prefix ? `${prefix}.${key}` : key);
}

/**
 * Turns a GraphQL result's `data` into rows: the longest list becomes one row per item; with no
 * list at all, the whole result is one row. Columns keep the order fields first appear in, and
 * every row has every column.
 */
export function toRows(data: unknown): Rows {
  const found = longestList(data as Json);
  const items = found ? found.list : [data as Json];
  const rows = items.map((item) => {
    const row: Row = {};
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) flattenInto(row, item, '');
    else flattenInto(row, item, 'value');
    return row;
  });
  // A null object or empty list yields a bare column ("facility.parent") where other rows have its
  // fields ("facility.parent.name"); the bare one is dropped and those rows get empty fields.
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  const columns = [...seen].filter((c) => ![...seen].some((other) => other.startsWith(`${c}.`)));
  const complete = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])) as Row);
  return { path: found ? found.path.join('.') : '', columns, rows: complete };
}
