import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditRecord } from '../writes/audit';
import { attrsOf, familyOf, inputSchemaOf, referencesOf, rowOf, type EntityClass } from '../declarations/declaration';

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

/** Valid seed records by family name ("facilities" → the records of facilities.json). */
export type SeedData = Record<string, Record<string, any>[]>;

/**
 * Valid records by file, for as long as the file is unchanged: the subgraphs of one process (a
 * test stack) read the same files, and validating 45,000 regions once is enough.
 */
const VALIDATED = new Map<string, { stamp: string; records: Record<string, any>[] }>();

/** Reads and validates one family's file against its entity's declaration. */
function readFamily(dir: string, entity: EntityClass, issues: SeedIssue[], all: boolean): Record<string, any>[] {
  const file = `${familyOf(entity).family}.json`;
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    issues.push({ file, message: `missing (looked in ${dir})` });
    return [];
  }
  const { mtimeMs, size } = statSync(full);
  const stamp = `${mtimeMs}:${size}`;
  const key = `${entity.name}:${all}:${full}`;
  const known = VALIDATED.get(key);
  if (known?.stamp === stamp) return known.records;
  const before = issues.length;
  const records = validateFamily(full, file, entity, issues, all);
  if (issues.length === before) VALIDATED.set(key, { stamp, records });
  return records;
}

function validateFamily(full: string, file: string, entity: EntityClass, issues: SeedIssue[], all: boolean): Record<string, any>[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(full, 'utf8'));
  } catch (e) {
    issues.push({ file, message: `is not valid JSON: ${(e as Error).message}` });
    return [];
  }
  if (!Array.isArray(raw)) {
    issues.push({ file, message: 'must hold a JSON array of records' });
    return [];
  }
  const { merge, built } = familyOf(entity);
  if (merge) {
    try {
      raw = merge(raw);
    } catch (e) {
      issues.push({ file, message: (e as Error).message });
      return [];
    }
  }
  const schema = inputSchemaOf(entity);
  const seen = new Set<string>();
  const records: Record<string, any>[] = [];
  (raw as unknown[]).forEach((record: any, index) => {
    const id = typeof record?.id === 'string' ? record.id : `#${index}`;
    if (!all && built?.(record)) {
      seen.add(id);
      records.push(record);
      return;
    }
    const result = schema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) issues.push({ file, id, field: issue.path.join('.') || undefined, message: issue.message });
      return;
    }
    if (seen.has(id)) issues.push({ file, id, field: 'id', message: 'is used by an earlier record of this file' });
    seen.add(id);
    records.push(result.data as Record<string, any>);
  });
  for (const issue of familyOf(entity).check?.(records) ?? []) issues.push({ file, ...issue });
  return records;
}

/**
 * Reads and validates the seed files of the given entities. References between them are checked
 * too; a reference to a family not read here (another subgraph's) is left to `checkReferences`
 * over every family, which the seed tests run. `all` validates the records a family builds by code
 * too (see FamilyOptions.built). Throws a SeedError listing every problem found.
 */
export function readSeeds(dir: string, entities: EntityClass[], { all = false }: { all?: boolean } = {}): SeedData {
  const issues: SeedIssue[] = [];
  const seeds: SeedData = {};
  for (const entity of entities) seeds[familyOf(entity).family] = readFamily(dir, entity, issues, all);
  if (issues.length === 0) issues.push(...checkReferences(seeds, entities, all));
  if (issues.length) throw new SeedError(issues);
  return seeds;
}

/** Every id a record uses to point at a family in `seeds` must name one of its records. */
export function checkReferences(seeds: SeedData, entities: EntityClass[], all = true): SeedIssue[] {
  const ids = new Map(Object.entries(seeds).map(([family, records]) => [family, new Set(records.map((r) => r.id as string))]));
  const issues: SeedIssue[] = [];
  for (const entity of entities) {
    const { family, built } = familyOf(entity);
    for (const record of seeds[family] ?? []) {
      // A built record's references are the family check's (a division's parent is the code's).
      if (!all && built?.(record)) continue;
      for (const ref of referencesOf(entity, record)) {
        const targets = ids.get(ref.family);
        if (targets && !targets.has(ref.id)) {
          issues.push({ file: `${family}.json`, id: record.id, field: ref.field, message: `"${ref.id}" is no id in ${ref.family}.json` });
        }
        if (ref.family === family && ref.id === record.id && family !== 'sources') {
          issues.push({ file: `${family}.json`, id: record.id, field: ref.field, message: 'a record cannot point at itself' });
        }
      }
    }
  }
  return issues;
}

/** What one subgraph writes: each entity class with the rows for it. */
export type SeedPlan = { entity: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[] }[];

/**
 * The rows of each entity from its validated records, derived columns included (see rowOf), as
 * version 1 — and, for versioned entities, the audit records that start their history.
 */
export function seedPlanOf(seeds: SeedData, entities: EntityClass[], at = new Date().toISOString()): SeedPlan {
  const plan: SeedPlan = [];
  const audit: ObjectLiteral[] = [];
  for (const entity of entities) {
    const versioned = attrsOf(entity).some((a) => a.key === 'version');
    const rows: ObjectLiteral[] = (seeds[familyOf(entity).family] ?? []).map((r) => ({
      ...rowOf(entity, r),
      ...(versioned ? { version: 1, updatedAt: at } : {}),
    }));
    plan.push({ entity, rows });
    if (versioned) {
      const { audited = () => true } = familyOf(entity);
      for (const row of rows.filter(audited))
        audit.push({
          at,
          agency: null,
          operation: 'seed',
          entityType: entity.name,
          entityId: row.id,
          version: 1,
          before: null,
          after: row,
          source: null,
        });
    }
  }
  return audit.length ? [...plan, { entity: AuditRecord, rows: audit }] : plan;
}

/** Bound parameters per INSERT: under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows in as few statements as the parameter limit allows (45,000 regions in ~30). The SQL
 * is written here rather than by TypeORM's insert builder, whose cost grows with the square of a
 * statement's parameters; values are still converted by the driver (JSON columns, booleans).
 */
async function insertRows(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const keys = new Set(rows.flatMap((r) => Object.keys(r)));
  const columns = metadata.columns.filter((c) => keys.has(c.propertyName));
  const table = metadata.tablePath
    .split('.')
    .map((part) => driver.escape(part))
    .join('.');
  const head = `INSERT INTO ${table} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const parameters: unknown[] = [];
    const tuples = rows.slice(i, i + chunk).map((row) => {
      const placeholders = columns.map((c) => {
        parameters.push(driver.preparePersistentValue(row[c.propertyName] ?? null, c));
        return driver.createParameter(`p${parameters.length - 1}`, parameters.length - 1);
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(head + tuples.join(', '), parameters);
  }
}

/**
 * Replaces the subgraph's rows with the seed rows in one transaction: either everything is
 * loaded or, on any error, nothing changes. Running it twice gives the same database.
 */
export async function writeSeeds(dataSource: DataSource, plan: SeedPlan): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const { entity } of [...plan].reverse()) await manager.createQueryBuilder().delete().from(entity).execute();
    for (const { entity, rows } of plan) {
      await insertRows(manager, entity, rows);
    }
  });
}

/**
 * After a bulk load PostgreSQL knows nothing of the new rows until autovacuum gets to them: it
 * estimates a region's projects at a couple of rows, and a count must visit every row's page to
 * learn it is visible. VACUUM ANALYZE each table now: statistics for the planner, and the
 * visibility map that lets a count read the index alone (Guangzhou's 31,900 projects at 100×:
 * 22 ms by a table scan, 4.7 ms from the index). SQLite plans without statistics.
 */
export async function refreshPlannerStatistics(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') return;
  // Every table of the subgraph's schema: the entities' and those their indexes keep (`<table>_gram`).
  const tables: { tablename: string }[] = await dataSource.query('SELECT tablename FROM pg_tables WHERE schemaname = current_schema()');
  for (const { tablename } of tables) await dataSource.query(`VACUUM ANALYZE "${tablename}"`);
}

/**
 * Brings a database that already holds data up to date with changed seeds, keeping what agencies
 * wrote: a new seed record is inserted (version 1), a changed one is updated to a new version,
 * each with its audit record (`seed`), and a record an agency has written is left as the agency
 * left it (its submissions are the newer word). Plain tables (sources, area members) are replaced.
 * One transaction: a failure changes nothing. Returns how many records it inserted, updated and
 * kept for the agencies.
 */
export async function mergeSeeds(
  dataSource: DataSource,
  plain: SeedPlan,
  seeds: SeedData,
  entities: EntityClass[],
  at = new Date().toISOString(),
): Promise<{ inserted: number; updated: number; keptForAgencies: number }> {
  const counts = { inserted: 0, updated: 0, keptForAgencies: 0 };
  await dataSource.transaction(async (manager) => {
    for (const { entity, rows } of plain) {
      // Rewritten only when they changed, so an unchanged start writes nothing.
      const key = (r: ObjectLiteral) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k]]),
        );
      const current = new Set((await manager.find(entity)).map(key));
      if (current.size === rows.length && rows.every((r) => current.has(key(r)))) continue;
      await manager.createQueryBuilder().delete().from(entity).execute();
      await insertRows(manager, entity, rows);
    }
    for (const entity of entities) {
      if (!attrsOf(entity).some((a) => a.key === 'version')) continue;
      const typeName = entity.name;
      const current = new Map((await manager.find(entity as EntityTarget<ObjectLiteral>)).map((r) => [r.id as string, r]));
      const written = new Set(
        (
          await manager
            .getRepository(AuditRecord)
            .createQueryBuilder('a')
            .select('DISTINCT a.entityId', 'id')
            .where('a.entityType = :typeName AND a.agency IS NOT NULL', { typeName })
            .getRawMany<{ id: string }>()
        ).map((r) => r.id),
      );
      // New records go in as multi-row inserts (the code list's divisions are tens of thousands);
      // changed ones are updated one by one. Audit records follow the family's rule, as on a first seed.
      const { audited = () => true } = familyOf(entity);
      const inserts: ObjectLiteral[] = [];
      const audits: ObjectLiteral[] = [];
      for (const record of seeds[familyOf(entity).family] ?? []) {
        const row = rowOf(entity, record);
        const before = current.get(record.id);
        if (before && written.has(record.id)) {
          counts.keptForAgencies++;
          continue;
        }
        if (before && Object.keys(row).every((k) => JSON.stringify(row[k]) === JSON.stringify(before[k]))) continue;
        const version = (before?.version ?? 0) + 1;
        const next = { ...row, version, updatedAt: at };
        if (before) await manager.update(entity as EntityTarget<ObjectLiteral>, { id: record.id }, next);
        else inserts.push(next);
        if (before || audited(next)) {
          audits.push({
            at,
            agency: null,
            operation: 'seed',
            entityType: typeName,
            entityId: record.id,
            version,
            before: before ? { ...before } : null,
            after: next,
            source: null,
          });
        }
        counts[before ? 'updated' : 'inserted']++;
      }
      await insertRows(manager, entity as EntityTarget<ObjectLiteral>, inserts);
      await insertRows(manager, AuditRecord, audits);
    }
  });
  return counts;
}

/** Whether the subgraph's database already holds data (then a start merges changed seeds into it). */
export async function isSeeded(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): Promise<boolean> {
  return (await dataSource.getRepository(entity).count()) > 0;
}
