import { createHash } from 'node:crypto';
import { badUserInput, conflict, notFound, type AgencyCaller, type Scope } from '@hsg/core';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { z } from 'zod';
import { AuditRecord, sourceInputSchema, type SourceRecord } from './audit';
import { requireRegion, requireScope } from './authorization';
import { citationSchema } from '../declarations/rules';
import {
  attrsOf,
  checkBounds,
  entityOfFamily,
  familyOf,
  inputSchemaOf,
  referencesOf,
  rowOf,
  type EntityClass,
} from '../declarations/declaration';
import { deadlineExceeded, deadlinesOf, isStoppedStatement } from '../persistence/deadlines';
import { bounded, LIST_MAX_ITEMS } from '../declarations/bounds';
import type { BaseContext } from '../persistence/loaders';

/** One agency write: what it changes, on what authority, and how its jurisdiction is judged. */
export interface Write {
  entity: EntityClass;
  /** The mutation's name, kept in the audit record. */
  operation: string;
  /** The token scope it needs ("facilities:write"). */
  scope: Scope;
  id: string;
  /** Create refuses an existing id; update needs the current version. */
  mode: 'create' | 'update';
  /** The record after the write, from the current one (null on create). Validated afterwards. */
  next: (current: Record<string, any> | null) => Record<string, unknown>;
  /** For update: the version the client last read. A different current version is a CONFLICT. */
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  source: unknown;
  /** The mutation's input as sent: a retry with the same idempotency key must send the same. */
  input: unknown;
  /** The entity's fields as sent (a new record, or the changes) and where they sit in the input: bounded before anything else. */
  sent?: { fields: Record<string, unknown>; prefix: string };
  /**
   * The region the record's jurisdiction is judged by (may look up a related row); null when it
   * has none (refused: an agency writes within its regions), NATIONWIDE for a record no region
   * bounds (a person).
   */
  regionOf: (
    record: Record<string, any>,
    manager: EntityManager,
  ) => Promise<string | null | typeof NATIONWIDE> | string | null | typeof NATIONWIDE;
  /** Keeps what derives from the written row in other rows (a target's judgement), in the write's transaction. */
  afterWrite?: (manager: EntityManager, row: Record<string, any>) => Promise<void>;
}

/** What `regionOf` answers for a record no jurisdiction bounds (a person may hold posts anywhere). */
export const NATIONWIDE = Symbol('nationwide');

/** A write's source: each field's own bound (sourceInputSchema), its text visible, one-line or not, NFC. */
const SOURCE_RULE = bounded(sourceInputSchema, { maxLength: 2000, maxItems: LIST_MAX_ITEMS, multiline: true });

/** Agency-written records carry their submissions, not citations of the source texts. */
const AGENCY_CITATIONS = { name: 'agency', shape: { citations: z.array(citationSchema).default([]) } };
const writeSchemaOf = (entity: EntityClass): z.ZodType => inputSchemaOf(entity, AGENCY_CITATIONS);

/** The input-shaped record a row holds (what `rowOf` made it from). */
function recordOf(entity: EntityClass, row: ObjectLiteral): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const attr of attrsOf(entity)) if (!attr.derived && attr.column !== false) record[attr.key] = row[attr.key];
  return record;
}

/**
 * The record as its rules read it: a null (a column left empty, or a field a client cleared)
 * stays where the field's rule takes null (`hostId`, an observation's `value`) and means "absent"
 * where the rule is optional only (`note`).
 */
function asInput(entity: EntityClass, record: Record<string, unknown>): Record<string, unknown> {
  const takesNull = new Map(attrsOf(entity).map((a) => [a.key, a.schema.safeParse(null).success]));
  return Object.fromEntries(Object.entries(record).filter(([key, v]) => v !== undefined && (v !== null || takesNull.get(key) !== false)));
}

/** zod's first complaint, as a BAD_USER_INPUT naming the field. */
function invalid(error: z.ZodError, prefix: string) {
  const issue = error.issues[0];
  const field = [prefix, ...issue.path].filter((p) => p !== '').join('.');
  return badUserInput(`${field}: ${issue.message}`, field);
}

/** One writer at a time per database: SQLite has one writer anyway, and a check-then-write must not interleave. */
const queues = new WeakMap<DataSource, Promise<unknown>>();
function serialized<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Applies one agency write in one transaction: the caller's scope and jurisdiction, the
 * idempotency key, the expected version, the entity's own input rules and its references are
 * checked first; then the row (with its derived columns recomputed) and its audit record are
 * written together. Any refusal changes nothing. Returns the written row.
 */
export async function applyWrite<T extends ObjectLiteral>(ctx: BaseContext, write: Write): Promise<T> {
  const agency = requireScope(ctx, write.scope);
  const source = SOURCE_RULE.safeParse(write.source);
  if (!source.success) throw invalid(source.error, 'input.source');
  const overBound = write.sent && checkBounds(write.entity, write.sent.fields, write.sent.prefix);
  if (overBound) throw badUserInput(`${overBound.field}: ${overBound.message}`, overBound.field);
  // From its arrival: time spent waiting behind other writes counts too.
  const { writeMs } = deadlinesOf(ctx.dataSource);
  const deadline = Date.now() + writeMs;
  const inTime = () => {
    if (Date.now() > deadline) throw deadlineExceeded('This write', writeMs);
  };
  const typeName = write.entity.name;
  const requestHash = createHash('sha256')
    .update(JSON.stringify([write.operation, write.id, write.input]))
    .digest('hex');

  return serialized(ctx.dataSource, () => {
    inTime();
    return writeOnce<T>(ctx, write, typeName, agency, source.data as SourceRecord, requestHash, inTime);
  }).catch((e: unknown) => {
    if (isStoppedStatement(e)) throw deadlineExceeded('This write', writeMs);
    // Replicas write to one database: a create of the same id, or a retry with the same
    // idempotency key, racing in another process loses on the unique index, not in this one.
    if (isUniqueViolation(e)) {
      throw conflict(
        `${typeName} "${write.id}" was written by another request at the same moment; read it again and resend your change.`,
        {},
      );
    }
    throw e;
  });
}

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === '23505' || /SQLITE_CONSTRAINT: (UNIQUE|PRIMARY KEY)/.test(String((e as Error)?.message));

function writeOnce<T extends ObjectLiteral>(
  ctx: BaseContext,
  write: Write,
  typeName: string,
  agency: AgencyCaller,
  sourceRecord: SourceRecord,
  requestHash: string,
  /** Throws DEADLINE_EXCEEDED once the write's time is up: checked between its steps, and last before the commit. */
  inTime: () => void,
): Promise<T> {
  return ctx.dataSource.transaction(async (manager) => {
    if (write.idempotencyKey) {
      const first = await manager.findOneBy(AuditRecord, { agency: agency.agency, idempotencyKey: write.idempotencyKey });
      if (first) {
        if (first.requestHash !== requestHash) {
          throw badUserInput(
            `The idempotency key "${write.idempotencyKey}" was already used for a different request (${first.operation} of ${first.entityType} ${first.entityId}); use a new key for a new change.`,
            'input.idempotencyKey',
          );
        }
        // A retry of a write that succeeded: the first result, without writing twice.
        return manager.create(write.entity, first.after as ObjectLiteral) as unknown as T;
      }
    }

    const current = (await manager.findOneBy(write.entity, { id: write.id })) as (ObjectLiteral & { version: number }) | null;
    if (write.mode === 'create' && current) {
      throw conflict(`${typeName} "${write.id}" already exists (version ${current.version}); update it instead.`, {
        currentVersion: current.version,
      });
    }
    if (write.mode === 'update') {
      if (!current) throw notFound(typeName, write.id);
      if (write.expectedVersion !== current.version) {
        throw conflict(
          `${typeName} "${write.id}" is at version ${current.version}, not ${write.expectedVersion}: it changed since you read it. Read it again and resend your change against version ${current.version}.`,
          { currentVersion: current.version },
        );
      }
    }

    inTime();
    const before = current ? recordOf(write.entity, current) : null;
    const parsed = writeSchemaOf(write.entity).safeParse(asInput(write.entity, { ...write.next(before), id: write.id }));
    if (!parsed.success) throw invalid(parsed.error, 'input');
    const record = parsed.data as Record<string, any>;

    for (const ref of referencesOf(write.entity, record)) {
      // The regions are another subgraph's and never written: the names read at start are all of them.
      if (ref.family === 'regions' && ctx.regions.nameOf(ref.id) === undefined)
        throw badUserInput(
          `input.${ref.field}: no Region has id "${ref.id}". Use a GB/T 2260 code such as 440100, or an area slug.`,
          `input.${ref.field}`,
        );
      const target = entityOfFamily(ref.family);
      if (!target || !ctx.dataSource.hasMetadata(target) || ref.family === 'sources') continue; // another subgraph's family
      if (ref.family === familyOf(write.entity).family && ref.id === write.id)
        throw badUserInput(`input.${ref.field}: a record cannot point at itself`, `input.${ref.field}`);
      if (!(await manager.findOneBy(target, { id: ref.id })))
        throw badUserInput(`input.${ref.field}: no ${target.name} has id "${ref.id}"`, `input.${ref.field}`);
    }

    for (const r of [record, before]) {
      if (!r) continue;
      const regionId = await write.regionOf(r, manager);
      if (regionId === NATIONWIDE) continue;
      if (!regionId)
        throw badUserInput(`input.regionId: an agency-written ${typeName} needs a region, to judge the jurisdiction by`, 'input.regionId');
      requireRegion(ctx, regionId);
    }

    inTime();
    const version = (current?.version ?? 0) + 1;
    const at = new Date().toISOString();
    const row = { ...rowOf(write.entity, record), version, updatedAt: at };
    if (current) {
      const result = await manager
        .createQueryBuilder()
        .update(write.entity)
        .set(row)
        .where('id = :id AND version = :version', { id: write.id, version: current.version })
        .execute();
      // Another replica won the race since this transaction read the row.
      if (result.affected === 0) throw conflict(`${typeName} "${write.id}" changed while this write was applied; read it again.`, {});
    } else {
      await manager.insert(write.entity, row);
    }
    await write.afterWrite?.(manager, row);
    await manager.insert(AuditRecord, {
      at,
      agency: agency.agency,
      operation: write.operation,
      entityType: typeName,
      entityId: write.id,
      version,
      before: current ? { ...current } : null,
      after: row,
      source: sourceRecord,
      idempotencyKey: write.idempotencyKey ?? null,
      requestHash,
    });
    const written = (await manager.findOneByOrFail(write.entity, { id: write.id })) as unknown as T;
    inTime();
    return written;
  });
}
