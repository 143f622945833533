import { MemoryWindows } from '../src/rate-limit';

test('a caller gets its points per window, then is told how long to wait', () => {
  const windows = new MemoryWindows(3, 1024 * 1024);
  const spent = [1, 2, 3, 4].map(() => windows.consume('203.0.113.7'));
  expect(spent.map((s) => [s.allowed, s.remaining])).toEqual([
    [true, 2],
    [true, 1],
    [true, 0],
    [false, 0],
  ]);
  expect(spent[3].msBeforeNext).toBeGreaterThan(59_000);
  expect(spent[3].msBeforeNext).toBeLessThanOrEqual(60_000);
  // Another caller has its own window.
  expect(windows.consume('203.0.113.8')).toMatchObject({ allowed: true, remaining: 2 });
});

test('the windows of many callers stay within their bytes: the least recently seen are forgotten', () => {
  const maxBytes = 100_000;
  const windows = new MemoryWindows(10, maxBytes);
  // 100,000 addresses in a minute, as from an IPv6 range; the last ones are 15 characters, 126 bytes a window.
  for (let i = 0; i < 100_000; i++) windows.consume(`2001:db8::${i.toString(16)}`);
  expect(windows.size).toBe(Math.floor(maxBytes / (15 * 2 + 96)));
  // The latest callers are still counted.
  expect(windows.consume('2001:db8::1869f')).toMatchObject({ allowed: true, remaining: 8 });
});
