import { REPO_ROOT } from '@hsg/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from './stack';

/**
 * The cost model's calibration: natural research questions, written as a researcher would (no
 * `first` where the default page will do, `first: 100` where they want everything), kept in
 * tests/fixtures/research-corpus/. Each runs through the gateway over the real seeds and must be
 * accepted with room under the limit, answer without errors, and report both its estimated and
 * actual cost; across the corpus the median estimate is at most ten times the actual cost.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(() => stack?.stop());

const CORPUS_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'research-corpus');
const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.graphql'));

interface Cost {
  estimated: number;
  actual: number;
  limit: number;
}
const costs = new Map<string, Cost>();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

test('the corpus holds at least 40 questions', () => {
  expect(files.length).toBeGreaterThanOrEqual(40);
});

test.each(files)('%s is accepted with room and answers with both costs', async (file) => {
  const answer = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: readFileSync(path.join(CORPUS_DIR, file), 'utf8') }),
  });
  const res = (await answer.json()) as { errors?: unknown; extensions?: { cost?: Cost } };
  expect(res.errors).toBeUndefined();
  const cost = res.extensions?.cost as Cost;
  expect(cost).toEqual({ estimated: expect.any(Number), actual: expect.any(Number), limit: 20_000 });
  // Room: at most a quarter of the limit, so a researcher can widen a question without meeting it.
  expect(cost.estimated).toBeLessThanOrEqual(cost.limit / 4);
  // Every question finds something: a record with at least one related record.
  expect(cost.actual).toBeGreaterThanOrEqual(2);
  costs.set(file, cost);
});

test('across the corpus the median estimate is at most ten times the actual cost', () => {
  const ratios = [...costs.values()].map((c) => c.estimated / c.actual);
  const figures = { queries: costs.size, median: +median(ratios).toFixed(2), max: +Math.max(...ratios).toFixed(2) };
  // The figures docs/operating.md quotes; printed so a change of model or data shows its effect.
  console.log(
    `research corpus: ${JSON.stringify(figures)}\n` +
      [...costs].map(([f, c]) => `${f}\t${c.estimated}\t${c.actual}\t${(c.estimated / c.actual).toFixed(1)}`).join('\n'),
  );
  expect(costs.size).toBe(files.length);
  expect(figures.median).toBeLessThanOrEqual(10);
});
