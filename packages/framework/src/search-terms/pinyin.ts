import { pinyin } from 'pinyin-pro';
import { version as pinyinProVersion } from 'pinyin-pro/package.json';
import { normalize } from './normalize';
import { SpellingCache } from './spelling-cache';

const HAN = /\p{Script=Han}/u;

/** Whether a text holds Chinese characters (only those have a pinyin spelling). */
export const hasHan = (text: string): boolean => HAN.test(text);

type Spelling = { full: string; initials: string };

/**
 * Pinyin spellings of a Chinese name, without tones: full syllables ("nan sha qu") and initials
 * ("nsq"). People's names read their first character as a surname (单 shàn, 曾 zēng); place names
 * use pinyin-pro's word readings (番禺 pān yú).
 */
function spell(value: string, person: boolean): Spelling {
  const options = { toneType: 'none', v: true, surname: person ? 'head' : 'off' } as const;
  const syllables = pinyin(value, { ...options, type: 'array' });
  // A syllable's initial is its first letter ("zh" counts as z), as pinyin-pro's pattern "first" gives it.
  return { full: syllables.join(' '), initials: syllables.map((s) => s.charAt(0)).join('') };
}

/**
 * Spellings already worked out, by this process and by earlier starts on this machine: seeding
 * spells 45,000 region names in the regions and the search subgraph alike.
 */
const SPELLED = new SpellingCache<Spelling>(pinyinProVersion, spell.toString());

/** Keeps this process's new spellings for the next start (after seeding; see SpellingCache). */
export const saveSpellings = (): void => SPELLED.save();

export function pinyinOf(value: string, person = false): Spelling {
  const key = `${person ? 'p' : 'n'}${value}`;
  let spelled = SPELLED.entries().get(key);
  if (!spelled) {
    spelled = spell(value, person);
    SPELLED.set(key, spelled);
  }
  return spelled;
}

/**
 * The hidden `pinyin` column behind a list filter's `search`: the normalised full pinyin and
 * initials of each Chinese name, space-separated ("nanshaqu nsq nansha ns"), so "nansha" finds 南沙区.
 */
export function pinyinKeys(values: (string | null | undefined)[], person = false): string {
  const keys = new Set<string>();
  for (const value of values) {
    if (!value || !hasHan(value)) continue;
    const { full, initials } = pinyinOf(value, person);
    keys.add(normalize(full));
    keys.add(normalize(initials));
  }
  return [...keys].join(' ');
}

/** A place name as English writes it: Hanyu Pinyin without tones, syllables joined, an apostrophe before a/o/e inside a word (西安 → Xi'an). */
export function romanise(chinese: string): string {
  // The spelling search keys use (so a name is spelled once), with ü written as ü again.
  const syllables = pinyinOf(chinese)
    .full.split(' ')
    .filter((s) => /^[\p{L}\p{N}]+$/u.test(s))
    .map((s) => s.replace(/v/g, 'ü'));
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}
