import { connectionFromArray, isWithin, pageWindow, regionPrefix } from '../src';

test('region scope follows the GB/T 2260 code prefix', () => {
  expect(regionPrefix('440000')).toBe('44');
  expect(regionPrefix('440100')).toBe('4401');
  expect(regionPrefix('440115')).toBe('440115');
  expect(isWithin('440115', '440100')).toBe(true);
  expect(isWithin('440115', '440000')).toBe(true);
  expect(isWithin('440305', '440100')).toBe(false);
  expect(isWithin('greater-bay-area', '440000')).toBe(false);
  expect(isWithin('greater-bay-area', 'greater-bay-area')).toBe(true);
});

test('pages carry cursors that continue where the last page ended', () => {
  const items = Array.from({ length: 25 }, (_, i) => i);
  const first = connectionFromArray(items, pageWindow({ first: 10 }));
  expect(first.nodes).toEqual(items.slice(0, 10));
  expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  const last = connectionFromArray(
    items,
    pageWindow({
      first: 10,
      after: connectionFromArray(items, pageWindow({ first: 10, after: first.pageInfo.endCursor })).pageInfo.endCursor,
    }),
  );
  expect(last.nodes).toEqual(items.slice(20));
  expect(last.pageInfo.hasNextPage).toBe(false);
  expect(() => pageWindow({ first: 0 })).toThrow(/between 1 and 100/);
  expect(() => pageWindow({ after: 'bogus' })).toThrow(/not a cursor/);
});
