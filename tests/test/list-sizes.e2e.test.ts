import { postGraphQL, REPO_ROOT } from '@hsg/core';
import { MEASURED_LIST_SIZES } from '@hsg/framework';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from './stack';

/**
 * The cost model's assumed list sizes (packages/framework/src/federation/list-sizes.ts) against
 * the seeds: every record of every type is read with the length of each measured list, and each
 * size must lie between the median length and the longest list the data holds. When the data
 * changes enough that a size no longer describes it, this fails and names the list.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop());

/** Each type's root list, and how its lists are asked for (a connection by its totalCount). */
const ROOTS: Record<string, string> = {
  Designation: 'designations',
  Facility: 'facilities',
  Programme: 'programmes',
  Project: 'projects',
  Indicator: 'indicators',
  Observation: 'observations',
  Plan: 'plans',
  Target: 'targets',
  Post: 'posts',
  Meeting: 'meetings',
  Organization: 'organizations',
  Person: 'people',
};
const CONNECTIONS = new Set(['Indicator.observations', 'Indicator.targets', 'Organization.posts']);
const SHARED = ['citations', 'history', 'submissions'];

const selection = (type: string, field: string) =>
  CONNECTIONS.has(`${type}.${field}`) ? `${field}(first: 1) { totalCount }` : `${field} { __typename }`;
const lengthOf = (v: unknown) => (Array.isArray(v) ? v.length : ((v as { totalCount: number } | null)?.totalCount ?? 0));

/** Every record's length of each list, keyed `Type.field`. */
async function measure(): Promise<Map<string, number[]>> {
  const lengths = new Map<string, number[]>();
  const add = (key: string, n: number) => lengths.set(key, [...(lengths.get(key) ?? []), n]);
  for (const [type, root] of Object.entries(ROOTS)) {
    const fields = [
      ...SHARED,
      ...Object.keys(MEASURED_LIST_SIZES)
        .filter((k) => k.startsWith(`${type}.`))
        .map((k) => k.split('.')[1]),
    ];
    let after: string | null = null;
    do {
      const res: any = await postGraphQL(
        stack.gateway.url,
        `query($after: String) { r: ${root}(first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${fields.map((f) => selection(type, f)).join(' ')} } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      for (const node of res.data.r.nodes) for (const f of fields) add(SHARED.includes(f) ? `*.${f}` : `${type}.${f}`, lengthOf(node[f]));
      after = res.data.r.pageInfo.hasNextPage ? res.data.r.pageInfo.endCursor : null;
    } while (after);
  }
  // Regions: the divisions the texts name (seeds/regions.json), not the 44,706 of the national list.
  const ids = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'seeds', 'regions.json'), 'utf8')) as { id: string }[]).map((r) => r.id);
  const regionFields = Object.keys(MEASURED_LIST_SIZES)
    .filter((k) => k.startsWith('Region.'))
    .map((k) => k.split('.')[1]);
  for (let i = 0; i < ids.length; i += 15) {
    const batch = ids.slice(i, i + 15);
    const res: any = await postGraphQL(
      stack.gateway.url,
      `{ ${batch.map((id, j) => `r${j}: region(id: ${JSON.stringify(id)}) { ${regionFields.map((f) => `${f} { __typename }`).join(' ')} }`).join(' ')} }`,
    );
    expect(res.errors).toBeUndefined();
    for (const region of Object.values(res.data) as Record<string, unknown[]>[])
      for (const f of regionFields) add(`Region.${f}`, region[f].length);
  }
  return lengths;
}

test('every assumed list size lies between the median and the longest list in the data', async () => {
  const lengths = await measure();
  const out: string[] = [];
  for (const [key, size] of Object.entries(MEASURED_LIST_SIZES)) {
    const sorted = [...(lengths.get(key) ?? [])].sort((a, b) => a - b);
    expect({ key, measured: sorted.length > 0 }).toEqual({ key, measured: true });
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const longest = sorted[sorted.length - 1];
    // A size of 1 stands for lists that are mostly empty: a list of nothing still costs its call.
    if (size < median || size > Math.max(longest, 1)) out.push(`${key}: ${size} outside ${median}…${longest}`);
  }
  expect(out).toEqual([]);
});
