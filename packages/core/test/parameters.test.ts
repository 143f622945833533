import { isoTime, ParameterError, singleParameter, wholeParameter } from '../src';

test('isoTime takes real calendar dates and times only', () => {
  expect(isoTime('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
  expect(isoTime('2026-12-01T08:00:00Z')).toBe('2026-12-01T08:00:00.000Z');
  expect(isoTime('2026-12-01T08:00:00.250+08:00')).toBe('2026-12-01T00:00:00.250Z');
  expect(isoTime('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  // Date.parse rolls these over (2025-02-30 is 2 March); none is a date.
  for (const bad of ['2025-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-12-00']) {
    expect({ bad, time: isoTime(bad) }).toEqual({ bad, time: null });
  }
  for (const bad of [
    '2026-12-01T24:00:00Z',
    '2026-12-01T08:60Z',
    '2026-12-01T08:00:60Z',
    '2026-12-01T08:00+24:00',
    'yesterday',
    '20261201',
  ]) {
    expect({ bad, time: isoTime(bad) }).toEqual({ bad, time: null });
  }
});

test('a whole-number parameter is given once, in decimal digits, within its range', () => {
  const range = { min: 0, max: 1000, fallback: 7, what: 'a sequence number' };
  const read = (query: string) => wholeParameter(new URLSearchParams(query), 'after', range);
  expect(read('')).toBe(7);
  expect(read('after=0')).toBe(0);
  expect(read('after=0016')).toBe(16);
  expect(read('after=1000')).toBe(1000);
  for (const bad of ['0x10', '1e3', '-1', '+5', ' 5', '5.0', '', '1001', '99999999999999999']) {
    expect(() => read(`after=${encodeURIComponent(bad)}`)).toThrow(
      new ParameterError(`"after" must be a sequence number in decimal digits, from 0 to 1000; got ${JSON.stringify(bad)}.`, 'after'),
    );
  }
  expect(() => read('after=1&after=2')).toThrow(new ParameterError('Give "after" once; got 2 values.', 'after'));
  expect(() => read(`after=${'9'.repeat(100)}`)).toThrow(`got "${'9'.repeat(40)}…".`);
  expect(singleParameter(new URLSearchParams('a=1'), 'b')).toBeNull();
});
