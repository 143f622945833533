import { connectionFromArray, orderById, pageRequest, regionPrefix, RegionScope } from '../src';

test('region scope follows the division code prefix, townships included, and a named area is its members', () => {
  expect(regionPrefix('440000')).toBe('44');
  expect(regionPrefix('440100')).toBe('4401');
  expect(regionPrefix('440115')).toBe('440115');
  const scope = new RegionScope(new Map([['pearl-river-west-bank', ['440400', '442000']]]));
  expect(scope.contains('440100', '440115')).toBe(true);
  expect(scope.contains('440000', '440115')).toBe(true);
  expect(scope.contains('440100', '440305')).toBe(false);
  expect(scope.contains('440115', '440115')).toBe(true);
  expect(scope.contains('440000', 'greater-bay-area')).toBe(false);
  expect(scope.contains('pearl-river-west-bank', 'pearl-river-west-bank')).toBe(true);
  expect(scope.contains('pearl-river-west-bank', '440402')).toBe(true); // a Zhuhai district
  expect(scope.contains('pearl-river-west-bank', '440100')).toBe(false);
  expect(scope.contains('440100', null)).toBe(false);
  // Townships: 9-digit codes lie within their county, city and province, and contain only themselves.
  expect(scope.contains('440115', '440115001')).toBe(true);
  expect(scope.contains('440100', '440115001')).toBe(true);
  expect(scope.contains('440000', '440115001')).toBe(true);
  expect(scope.contains('440103', '440115001')).toBe(false);
  expect(scope.contains('440115001', '440115001')).toBe(true);
  expect(scope.contains('440115001', '440115')).toBe(false);
  expect(scope.contains('440115001', '440115002')).toBe(false);
  expect(scope.contains('pearl-river-west-bank', '440402104')).toBe(true); // a Zhuhai township
});

test('pages carry keyset cursors that continue where the last page ended', () => {
  const order = orderById('Item');
  const items = Array.from({ length: 25 }, (_, i) => ({ id: `item-${String(i).padStart(2, '0')}` }));
  const first = connectionFromArray(items, pageRequest({ first: 10 }, order));
  expect(first.nodes).toEqual(items.slice(0, 10));
  expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  const second = connectionFromArray(items, pageRequest({ first: 10, after: first.pageInfo.endCursor }, order));
  expect(second.nodes).toEqual(items.slice(10, 20));
  // A row inserted before the cursor between two requests neither repeats nor shifts the next page.
  const grown = [{ id: 'item-00a' }, ...items];
  const last = connectionFromArray(grown, pageRequest({ first: 10, after: second.pageInfo.endCursor }, order));
  expect(last.nodes).toEqual(items.slice(20));
  expect(last.totalCount).toBe(26);
  expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  expect(() => pageRequest({ first: 0 }, order)).toThrow(/between 1 and 100/);
  expect(() => pageRequest({ after: 'bogus' }, order)).toThrow(/not a cursor of this list/);
});
