import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pinyinOf } from '../src/search-terms/pinyin';
import { SpellingCache } from '../src/search-terms/spelling-cache';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'hsg-spelling-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('spellings saved by one start are read back by the next; a new library version or rule starts afresh', () => {
  const first = new SpellingCache<string>('3.29.4', 'rule', dir);
  expect(first.entries().size).toBe(0);
  first.set('n南沙区', 'nan sha qu');
  first.save();
  expect(readdirSync(dir)).toHaveLength(1);
  expect([...new SpellingCache<string>('3.29.4', 'rule', dir).entries()]).toEqual([['n南沙区', 'nan sha qu']]);
  expect(new SpellingCache<string>('3.30.0', 'rule', dir).entries().size).toBe(0);
  expect(new SpellingCache<string>('3.29.4', 'another rule', dir).entries().size).toBe(0);
});

test('a damaged or foreign file is spelled again, never an error', () => {
  const cache = new SpellingCache<string>('3.29.4', 'rule', dir);
  cache.set('n广州', 'guang zhou');
  cache.save();
  const [file] = readdirSync(dir);
  for (const damaged of ['{"half": ', '{"not": "a list"}', '']) {
    writeFileSync(path.join(dir, file), damaged);
    expect(new SpellingCache<string>('3.29.4', 'rule', dir).entries().size).toBe(0);
  }
  // Nothing added, nothing written.
  const reader = new SpellingCache<string>('3.29.4', 'rule', dir);
  reader.entries();
  reader.save();
  expect(readdirSync(dir)).toEqual([file]);
});

test("names are spelled as before: place names by word readings (番禺 pān yú), a person's first character as a surname", () => {
  expect(pinyinOf('番禺区')).toEqual({ full: 'pan yu qu', initials: 'pyq' });
  expect(pinyinOf('曾益新', true).full).toBe('zeng yi xin');
});
