import * as framework from '@hsg/framework';
import { REPO_ROOT, SUBGRAPHS } from '@hsg/core';
import { attrsOf, familyOf, SourceDocument, type EntityClass } from '@hsg/framework';
import { subgraphDefinition } from '@hsg/schema';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A note is read by a researcher, in the API and the exports: it says in plain words what was
 * inferred or is ambiguous, and names records by their names. It never names the seed files, a
 * field, an enum constant or another record's id ("hostId null", "a designations.json record").
 */
const SEEDS = path.join(REPO_ROOT, 'seeds');
const files = readdirSync(SEEDS).filter((f) => f.endsWith('.json'));
const records = files.flatMap((file) =>
  (JSON.parse(readFileSync(path.join(SEEDS, file), 'utf8')) as { id: string; note?: string; dateNote?: string }[]).map((r) => ({
    file,
    ...r,
  })),
);

const ENTITIES: EntityClass[] = [
  SourceDocument,
  ...SUBGRAPHS.flatMap((s) => subgraphDefinition(s.package).entities).filter((e) => {
    try {
      return Boolean(familyOf(e));
    } catch {
      return false;
    }
  }),
];
/** Field names a person would not write: the declared keys with a capital inside (hostId, asOf, memberIds). */
const FIELDS = [...new Set(ENTITIES.flatMap((e) => attrsOf(e).map((a) => a.key)))].filter((k) => /[a-z][A-Z]/.test(k));
/** The vocabularies' constants (NEW_BUILD, UNDER_CONSTRUCTION, GTE …); CDC is also the ordinary abbreviation. */
const CONSTANTS = new Set(
  (Object.values(framework) as unknown[])
    .filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v))
    .filter((v) => Object.values(v).every((d) => typeof d === 'string') && Object.keys(v).every((k) => /^[A-Z][A-Z0-9_]+$/.test(k)))
    .flatMap((v) => Object.keys(v))
    .filter((k) => k !== 'CDC'),
);
const IDS = new Set(records.map((r) => r.id).filter((id) => id.includes('-')));

function internalsIn(note: string): string[] {
  const found: string[] = [];
  for (const m of note.matchAll(/[\w-]+\.(json|ts|js)\b/g)) found.push(m[0]);
  for (const field of FIELDS) if (new RegExp(`\\b${field}\\b`).test(note)) found.push(field);
  if (/\bnull\b/.test(note)) found.push('null');
  for (const m of note.matchAll(/\b[A-Z][A-Z0-9_]{1,}\b/g)) if (CONSTANTS.has(m[0])) found.push(m[0]);
  for (const m of note.matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) if (IDS.has(m[0])) found.push(m[0]);
  return found;
}

test('the guard knows the words it looks for', () => {
  expect(FIELDS).toEqual(expect.arrayContaining(['hostId', 'parentId', 'regionId', 'asOf', 'memberIds', 'facilityId']));
  expect([...CONSTANTS]).toEqual(
    expect.arrayContaining(['NEW_BUILD', 'UNDER_CONSTRUCTION', 'PLANNED', 'GTE', 'MAJOR_EPIDEMIC_TREATMENT_BASE']),
  );
  expect(internalsIn('The text names no host institution; hostId null.')).toEqual(['hostId', 'null']);
  expect(internalsIn('the designation itself is a designations.json record; see gz-12th-hospital-relocation')).toEqual([
    'designations.json',
    'gz-12th-hospital-relocation',
  ]);
  expect(internalsIn('Type NEW_BUILD assumed; a CDC in 3-5 years')).toEqual(['NEW_BUILD']);
});

test('no note names a seed file, a field, a constant or a record id', () => {
  const notes = records.flatMap((r) =>
    (['note', 'dateNote'] as const).filter((k) => r[k]).map((k) => ({ where: `${r.file} › ${r.id} › ${k}`, text: r[k]! })),
  );
  expect(notes.length).toBeGreaterThan(400);
  const offending = notes.map((n) => ({ where: n.where, internals: internalsIn(n.text) })).filter((n) => n.internals.length);
  expect(offending).toEqual([]);
});
