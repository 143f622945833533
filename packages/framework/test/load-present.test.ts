import DataLoader from 'dataloader';
import { loadPresent } from '../src/persistence/loaders';

// A list built from a by-id loader: a missing id is left out, a failed load is never.
const loader = () =>
  new DataLoader<string, { id: string } | null>(async (ids) =>
    ids.map((id) => (id === 'broken' ? new Error('database is locked') : id === 'gone' ? null : { id })),
  );

test('rows come in the order asked, missing ones left out', async () => {
  expect(await loadPresent(loader(), ['b', 'gone', 'a'])).toEqual([{ id: 'b' }, { id: 'a' }]);
});

test('a failed load fails the whole list instead of shortening it', async () => {
  await expect(loadPresent(loader(), ['a', 'broken', 'b'])).rejects.toThrow('database is locked');
});
