import { collapseRepresentations } from '../src/subgraph-client';

const region = (id: string) => ({ __typename: 'Region', id });

test('each distinct representation is sent once and every original position gets its answer and its errors back', () => {
  const sent = [region('440111'), region('440100'), region('440111'), region('440100'), region('440115')];
  const collapsed = collapseRepresentations(sent)!;
  expect(collapsed.distinct).toEqual([region('440111'), region('440100'), region('440115')]);
  const answer = collapsed.spread({
    data: { _entities: [{ name: '白云区' }, null, { name: '南沙区' }] },
    errors: [
      { message: 'Region 440100 failed', path: ['_entities', 1, 'name'] },
      { message: 'elsewhere', path: ['other'] },
    ],
  });
  expect(answer.data).toEqual({ _entities: [{ name: '白云区' }, null, { name: '白云区' }, null, { name: '南沙区' }] });
  expect(answer.errors).toEqual([
    { message: 'Region 440100 failed', path: ['_entities', 1, 'name'] },
    { message: 'Region 440100 failed', path: ['_entities', 3, 'name'] },
    { message: 'elsewhere', path: ['other'] },
  ]);
});

test('a fetch without duplicates is sent as it is, and a failed fetch (no data) spreads its errors only', () => {
  expect(collapseRepresentations([region('440100'), region('440115')])).toBeNull();
  const collapsed = collapseRepresentations([region('440100'), region('440100')])!;
  const failed = collapsed.spread({ errors: [{ message: 'down', path: ['_entities', 0, 'name'] }] });
  expect(failed.data).toBeUndefined();
  expect(failed.errors!.map((e) => e.path)).toEqual([
    ['_entities', 0, 'name'],
    ['_entities', 1, 'name'],
  ]);
});
