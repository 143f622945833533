import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_COST, REPO_ROOT } from '@hsg/core';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { CostEstimates, CostModel, DEFAULT_LIST_SIZE } from '../src/cost';
import { SUPERGRAPH_PATH } from '../src/server';

const model = new CostModel(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const estimate = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return model.estimate(document, operation, variables);
};

test('the supergraph carries the subgraphs’ @cost and @listSize', () => {
  const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  expect(sdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])');
  expect(sdl).toContain('): RegionConnection! @join__field(graph: REGIONS) @cost(weight: 5) @listSize(');
  expect(sdl).toContain('children: [Region!]! @join__field(graph: REGIONS) @listSize(assumedSize: 50)');
});

test('nested lists are priced at their measured sizes, citations like scalars', () => {
  // A hospital's campuses, designations and projects: one each as measured (list-sizes.ts), not 10, 10 and 20.
  expect(estimate('{ facility(id: "gmu-first-affiliated-hospital") { campuses { name } designations { name } projects { name } } }')).toBe(
    1 + 1 + 1 + 1,
  );
  // Citations cost nothing of their own (a JSON column of the record); their source is an object (2 assumed per record).
  expect(estimate('{ facility(id: "gmu-first-affiliated-hospital") { citations { quote } } }')).toBe(1);
  expect(estimate('{ facility(id: "gmu-first-affiliated-hospital") { citations { quote source { title } } } }')).toBe(1 + 2);
  // A nested connection without `first` takes its measured size (an indicator has 1 observation in nine of ten) …
  expect(estimate('{ indicator(id: "life-expectancy") { observations { nodes { value } } } }')).toBe(1 + 1 + 1);
  // … and the `first` actually given when there is one.
  expect(estimate('{ indicator(id: "life-expectancy") { observations(first: 30) { nodes { value } } } }')).toBe(1 + 1 + 30);
});

test('every example passes with room to spare: at most a third of the budget', () => {
  const examples = readdirSync(path.join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.graphql'));
  expect(examples.length).toBeGreaterThanOrEqual(14);
  for (const file of examples) {
    const cost = estimate(readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8'));
    expect({ file, fits: cost > 0 && cost <= DEFAULT_MAX_COST / 3 }).toEqual({ file, fits: true });
  }
});

test('the IBM rules: objects 1, scalars 0, lists times first or their declared size, entity fetches 1', () => {
  expect(estimate('{ region(id: "440100") { name } }')).toBe(1);
  // Connection 1, `first` sizes `nodes`: 5 × (Facility 1 + Region 1 + the fetch from regions 1).
  expect(estimate('{ facilities(first: 5) { totalCount nodes { name region { name } } } }')).toBe(16);
  // Without `first`, the page size the resolvers default to (20).
  expect(estimate('{ facilities { nodes { name } } }')).toBe(21);
  // A plain list: its assumedSize (children 50); a variable's value counts like a literal.
  expect(estimate('{ region(id: "440100") { children { name } } }')).toBe(51);
  expect(estimate('query($n: Int) { regions(first: $n) { nodes { id } } }', { n: 3 })).toBe(4);
  // @cost(weight: 5) replaces the connection's 1.
  expect(estimate('{ region(id: "440000") { descendants(first: 2) { nodes { id } } } }')).toBe(1 + 5 + 2);
  // Skipped selections cost nothing.
  expect(estimate('query($no: Boolean!) { region(id: "440100") { children @include(if: $no) { name } } }', { no: false })).toBe(1);
  expect(DEFAULT_LIST_SIZE).toBe(100);
});

test('the payloads of issue 9 are over budget, and the fragment chain is costed in linear time', () => {
  const over = (q: string) => expect(estimate(q)).toBeGreaterThan(DEFAULT_MAX_COST);
  over(
    '{ region(id:"440000") { children { parent { children { parent { children { parent { children { parent { children { name } } } } } } } } } } }',
  );
  over('{ region(id:"440000") { children { parent { children { parent { children { parent { children { name } } } } } } } } }');
  over(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: search(text:"a", first:50) { score }`).join(' ')} }`);
  over(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __schema { types { fields { name } } }`).join(' ')} }`);
  const chain = `{ ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F20 on Query { region(id: "440100") { name } }`;
  expect(estimate(chain)).toBe(1);
});

test('a registered document is estimated once per set of variables; any other document every time', () => {
  const registered = parse(readFileSync(path.join(REPO_ROOT, 'examples', 'headline.graphql'), 'utf8'));
  const other = parse('{ region(id: "440100") { name } }');
  const estimates = new CostEstimates(model, (document) => document === registered);
  const op = (document: typeof registered) =>
    document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const first = estimates.estimate(registered, op(registered), {});
  expect(estimates.estimate(registered, op(registered), {})).toBe(first);
  expect(estimates.computed).toBe(1);
  expect(first).toBe(estimate(readFileSync(path.join(REPO_ROOT, 'examples', 'headline.graphql'), 'utf8')));
  estimates.estimate(other, op(other), {});
  estimates.estimate(other, op(other), {});
  expect(estimates.computed).toBe(3);
});
