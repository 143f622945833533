import { z } from 'zod';
import { bounded, date, defaultBoundsOf, figureAgrees, period, textProblem } from '../src';

const name = defaultBoundsOf({ key: 'name', name: 'NAME' });
const note = defaultBoundsOf({ key: 'note', column: 'text' });

describe('a field declares its bounds, or what it is tells them', () => {
  test.each([
    [{ key: 'id', primary: true }, 100, false],
    [{ key: 'regionId', ref: 'regions' }, 100, false],
    [{ key: 'name', name: 'NAME' }, 100, false],
    [{ key: 'nameEn', name: 'NAME_EN' }, 300, false],
    [{ key: 'specialty' }, 500, false],
    [{ key: 'note', column: 'text' }, 2000, true],
    [{ key: 'specialty', maxLength: 40 }, 40, false],
  ])('%j: %d characters, multiline %s', (attr, maxLength, multiline) => {
    expect(defaultBoundsOf(attr)).toEqual({ maxLength, maxItems: 'name' in attr ? 20 : 100, multiline });
  });
});

describe('text that shows nothing, hides control characters or is not Unicode is refused', () => {
  test.each([
    ['a NUL byte', '广州\u0000医院', 'must not hold control characters (such as a NUL byte)'],
    ['an escape', '\u001b[31m医院', 'must not hold control characters (such as a NUL byte)'],
    ['a lone high surrogate', '医院\uD800', 'must be well-formed Unicode text (it holds a lone surrogate)'],
    ['a lone low surrogate', '\uDC00医院', 'must be well-formed Unicode text (it holds a lone surrogate)'],
    ['zero-width characters only', '\u200B\u200C\u200D\uFEFF', 'must show something: it is only white space or invisible characters'],
    ['white space only', ' \u3000 ', 'must show something: it is only white space or invisible characters'],
    ['a line break in a name', '广州\n医院', 'must be one line (no line breaks or tabs)'],
    ['300,000 characters', '医'.repeat(300_000), 'must be at most 100 characters (got 300000)'],
  ])('%s', (_, text, message) => {
    expect(textProblem(text, name)).toBe(message);
  });

  test('a name at its bound, a CJK extension character (a surrogate pair) and a note with line breaks pass', () => {
    expect(textProblem('医'.repeat(100), name)).toBeNull();
    expect(textProblem('𠀀'.repeat(100), name)).toBeNull(); // 200 UTF-16 units, 100 characters
    expect(textProblem('第一段。\n第二段。', note)).toBeNull();
  });

  test('text is stored in its composed form (NFC), and every text of a structured value is checked where it lies', () => {
    const rule = bounded(z.array(z.object({ role: z.string() })), name);
    expect(rule.parse([{ role: 'Cafe\u0301' }])).toEqual([{ role: 'Café' }]);
    const refused = rule.safeParse([{ role: 'ok' }, { role: '\u0000' }]);
    expect(refused.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[1, 'role'], 'must not hold control characters (such as a NUL byte)'],
    ]);
    expect(rule.safeParse(Array.from({ length: 21 }, () => ({ role: 'x' }))).error?.issues[0].message).toBe(
      'must hold at most 20 items (got 21)',
    );
  });
});

describe('dates and periods are real calendar values', () => {
  test.each(['2024', '2024-02', '2024-02-29', '2025-12-31'])('date %s passes', (d) => expect(date.safeParse(d).success).toBe(true));
  test.each(['2025-02-29', '2025-02-30', '2025-13', '2025-00', '2025-04-31', '2025-01-00'])('date %s is refused', (d) => {
    expect(date.safeParse(d).error?.issues[0].message).toBe('must be a real calendar date (the month 01-12, the day within the month)');
  });
  test.each(['2020', '2016-2020', '2024-06', '2024-06/2024-09', '2020-2020'])('period %s passes', (p) =>
    expect(period.safeParse(p).success).toBe(true),
  );
  test.each([
    ['2025-02-30', 'must name real calendar months and days (2025-13 and 2025-02-30 do not exist)'],
    ['2025-13', 'must name real calendar months and days (2025-13 and 2025-02-30 do not exist)'],
    ['2030-2020', "must run forward: a range's start comes before its end (2016-2020, not 2020-2016)"],
    ['2024-09/2024-06', "must run forward: a range's start comes before its end (2016-2020, not 2020-2016)"],
  ])('period %s is refused', (p, message) => expect(period.safeParse(p).error?.issues[0].message).toBe(message));
});

describe("a value agrees with the figure its text states, in the indicator's unit or counted out", () => {
  test.each([
    [95, '＞95'],
    [30, '30左右'],
    [27000, '2.7万个'],
    [2.7, '2.7万个'],
    [4.7, '超4.7亿元'],
    [610000, '61 万名孕妇'],
    [100, '全覆盖'],
    [100, '消除30万以上人口县（市、区）的公立精神科床位空白'],
    [null, '持续提升'],
  ])('%s and "%s" agree', (value, text) => expect(figureAgrees(value, text)).toBe(true));
  test.each([
    [5, '9'],
    [96, '≥95'],
    [2700, '2.7万个'],
  ])('%s and "%s" do not', (value, text) => expect(figureAgrees(value, text)).toBe(false));
});
