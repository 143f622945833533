import { orderById, pageRequest, regionPrefix, RegionScope } from '../src';

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

test('a page request refuses a size out of range and a cursor of another list', () => {
  const order = orderById('Item');
  expect(() => pageRequest({ first: 0 }, order)).toThrow(/between 1 and 100/);
  expect(() => pageRequest({ after: 'bogus' }, order)).toThrow(/not a cursor of this list/);
});
