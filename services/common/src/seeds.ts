import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { SEED_FILES, type SeedData, type SeedFamily } from './seed-schema';

/** A seed problem, located by file, record id and field so a person can fix it. */
export interface SeedIssue {
  file: string;
  id?: string;
  field?: string;
  message: string;
}

export class SeedError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(
      `The seed data is invalid; nothing was loaded.\n${issues
        .slice(0, 50)
        .map((i) => `  - ${i.file}${i.id ? ` › ${i.id}` : ''}${i.field ? ` › ${i.field}` : ''}: ${i.message}`)
        .join('\n')}${issues.length > 50 ? `\n  … and ${issues.length - 50} more` : ''}`,
    );
    this.name = 'SeedError';
  }
}

/** Reads and validates every seed file. Throws a SeedError listing every problem found. */
export function readSeeds(dir: string): SeedData {
  const issues: SeedIssue[] = [];
  const data = {} as Record<SeedFamily, unknown[]>;
  for (const [family, schema] of Object.entries(SEED_FILES) as [SeedFamily, (typeof SEED_FILES)[SeedFamily]][]) {
    const file = `${family}.json`;
    const full = path.join(dir, file);
    data[family] = [];
    if (!existsSync(full)) {
      issues.push({ file, message: `missing (looked in ${dir})` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(full, 'utf8'));
    } catch (e) {
      issues.push({ file, message: `is not valid JSON: ${(e as Error).message}` });
      continue;
    }
    if (!Array.isArray(raw)) {
      issues.push({ file, message: 'must hold a JSON array of records' });
      continue;
    }
    const seen = new Set<string>();
    raw.forEach((record, index) => {
      const id = typeof record?.id === 'string' ? record.id : `#${index}`;
      const result = schema.safeParse(record);
      if (!result.success) {
        for (const issue of result.error.issues)
          issues.push({ file, id, field: issue.path.join('.') || undefined, message: issue.message });
        return;
      }
      if (seen.has(id)) issues.push({ file, id, field: 'id', message: 'is used by an earlier record of this file' });
      seen.add(id);
      data[family].push(result.data);
    });
  }
  const seeds = data as SeedData;
  if (issues.length === 0) issues.push(...checkReferences(seeds));
  if (issues.length) throw new SeedError(issues);
  return seeds;
}

/** Every id one record uses to point at another must name an existing record. */
export function checkReferences(d: SeedData): SeedIssue[] {
  const ids = (records: { id: string }[]) => new Set(records.map((r) => r.id));
  const sets = {
    sources: ids(d.sources),
    regions: ids(d.regions),
    facilities: ids(d.facilities),
    projects: ids(d.projects),
    indicators: ids(d.indicators),
    plans: ids(d.plans),
    organizations: ids(d.organizations),
    people: ids(d.people),
  };
  const issues: SeedIssue[] = [];
  const ref = (file: string, id: string, field: string, value: string | null | undefined, target: keyof typeof sets) => {
    if (value != null && !sets[target].has(value)) issues.push({ file, id, field, message: `"${value}" is no id in ${target}.json` });
  };
  const cites = (file: string, r: { id: string; citations: { lines: string }[]; statusReports?: { lines: string }[] }) => {
    [...r.citations, ...(r.statusReports ?? [])].forEach((c, i) => ref(file, r.id, `citations.${i}.lines`, c.lines.slice(0, 3), 'sources'));
  };
  for (const r of d.regions) {
    ref('regions.json', r.id, 'parentId', r.parentId, 'regions');
    r.memberIds.forEach((m, i) => ref('regions.json', r.id, `memberIds.${i}`, m, 'regions'));
    cites('regions.json', r);
  }
  for (const r of d.facilities) {
    ref('facilities.json', r.id, 'parentId', r.parentId, 'facilities');
    ref('facilities.json', r.id, 'regionId', r.regionId, 'regions');
    if (r.parentId === r.id)
      issues.push({ file: 'facilities.json', id: r.id, field: 'parentId', message: 'a facility cannot be its own parent' });
    cites('facilities.json', r);
  }
  for (const r of d.designations) {
    ref('designations.json', r.id, 'hostId', r.hostId, 'facilities');
    ref('designations.json', r.id, 'regionId', r.regionId, 'regions');
    cites('designations.json', r);
  }
  for (const r of d.projects) {
    ref('projects.json', r.id, 'facilityId', r.facilityId, 'facilities');
    ref('projects.json', r.id, 'regionId', r.regionId, 'regions');
    ref('projects.json', r.id, 'planId', r.planId, 'plans');
    cites('projects.json', r);
  }
  for (const r of d.indicators) cites('indicators.json', r);
  for (const r of d.observations) {
    ref('observations.json', r.id, 'indicatorId', r.indicatorId, 'indicators');
    ref('observations.json', r.id, 'regionId', r.regionId, 'regions');
    cites('observations.json', r);
  }
  for (const r of d.plans) {
    ref('plans.json', r.id, 'regionId', r.regionId, 'regions');
    cites('plans.json', r);
  }
  for (const r of d.targets) {
    ref('targets.json', r.id, 'indicatorId', r.indicatorId, 'indicators');
    ref('targets.json', r.id, 'regionId', r.regionId, 'regions');
    ref('targets.json', r.id, 'planId', r.planId, 'plans');
    cites('targets.json', r);
  }
  for (const r of d.organizations) {
    ref('organizations.json', r.id, 'regionId', r.regionId, 'regions');
    ref('organizations.json', r.id, 'parentId', r.parentId, 'organizations');
    cites('organizations.json', r);
  }
  for (const r of d.people) cites('people.json', r);
  for (const r of d.posts) {
    ref('posts.json', r.id, 'personId', r.personId, 'people');
    ref('posts.json', r.id, 'organizationId', r.organizationId, 'organizations');
    cites('posts.json', r);
  }
  for (const r of d.meetings) {
    ref('meetings.json', r.id, 'regionId', r.regionId, 'regions');
    ref('meetings.json', r.id, 'organizerId', r.organizerId, 'organizations');
    r.appearances.forEach((a, i) => ref('meetings.json', r.id, `appearances.${i}.personId`, a.personId, 'people'));
    cites('meetings.json', r);
  }
  return issues;
}

/** What one subgraph writes: each entity class with the rows for it. */
export type SeedPlan = { entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }[];

/**
 * Replaces the subgraph's rows with the seed rows in one transaction: either everything is
 * loaded or, on any error, nothing changes. Running it twice gives the same database.
 */
export async function writeSeeds(dataSource: DataSource, plan: SeedPlan): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const { entity } of [...plan].reverse()) await manager.createQueryBuilder().delete().from(entity).execute();
    for (const { entity, rows } of plan) {
      // Chunked so a large family stays under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 50) await manager.insert(entity, rows.slice(i, i + 50));
    }
  });
}

/** Whether the subgraph's database already holds data (then a start leaves it alone). */
export async function isSeeded(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): Promise<boolean> {
  return (await dataSource.getRepository(entity).count()) > 0;
}
