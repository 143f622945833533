import { Arg, Ctx, Field, ID, InputType, Int, Mutation, type ClassType } from 'type-graphql';
import { SourceInput } from './audit';
import { inputFieldsOf, type EntityClass } from '../declarations/declaration';
import type { BaseContext } from '../persistence/loaders';
import type { Scope } from '@hsg/core';
import { applyWrite, type Write } from './write';

/** How an entity is written: the scope it needs, its mutations' names and how its jurisdiction is judged. */
export interface WriteSpec {
  scope: Scope;
  /** Name of the create mutation ("createFacility", "recordObservation"). */
  create?: string;
  /** Name of the update mutation ("updateFacility"). */
  update?: string;
  /** Name of a create-or-replace mutation ("setTarget"): with `expectedVersion` it replaces that version, without it it creates. */
  set?: string;
  regionOf: Write['regionOf'];
  /** Completes a new record before validation (an observation's value read from its text). */
  prepare?: (record: Record<string, any>) => Record<string, any>;
  afterWrite?: Write['afterWrite'];
}

/** A GraphQL input type with the entity's writable fields, read off its declaration. */
function fieldsInput(entity: EntityClass, name: string, description: string, partial: boolean): ClassType {
  const Input = class {};
  Object.defineProperty(Input, 'name', { value: name });
  for (const field of inputFieldsOf(entity)) {
    if (partial && field.key === 'id') continue;
    Field(field.type as () => StringConstructor, { nullable: partial || !field.required, description: field.description })(
      Input.prototype,
      field.key,
    );
  }
  InputType(name, { description })(Input);
  return Input;
}

interface CreateInput {
  record: Record<string, unknown> & { id: string };
  source: SourceInput;
  idempotencyKey?: string | null;
}

interface UpdateInput {
  id: string;
  expectedVersion: number;
  changes: Record<string, unknown>;
  source: SourceInput;
  idempotencyKey?: string | null;
}

const IDEMPOTENCY =
  'A key of your choosing (e.g. a UUID): resending the same key with the same input returns the first result instead of writing twice; the same key with another input is refused.';

/** The entities agencies write (addWriteMutations gave them mutations), as their resolvers were declared. */
const AGENCY_WRITTEN = new Set<EntityClass>();

export const isAgencyWritten = (entity: EntityClass): boolean => AGENCY_WRITTEN.has(entity);

/**
 * Adds `create<Type>` / `update<Type>` mutations to a resolver class, each taking one input object
 * whose fields are the entity's declared input fields (one schema: the mutation validates them
 * with the same rules as the seeds, in applyWrite).
 */
export function addWriteMutations(resolver: Function, entity: EntityClass, spec: WriteSpec): void {
  AGENCY_WRITTEN.add(entity);
  const typeName = entity.name;
  const proto = resolver.prototype as Record<string, unknown>;
  const define = (method: string, inputType: ClassType, description: string, body: (input: any, ctx: BaseContext) => Promise<unknown>) => {
    proto[method] = body;
    Arg('input', () => inputType)(proto, method, 0);
    Ctx()(proto, method, 1);
    Mutation(() => entity, { name: method, description })(proto, method, Object.getOwnPropertyDescriptor(proto, method)!);
  };

  if (spec.create) {
    const Fields = fieldsInput(entity, `New${typeName}`, `A new ${typeName}: its fields, validated as the seeds are.`, false);
    @InputType(`${spec.create[0].toUpperCase()}${spec.create.slice(1)}Input`, { description: `What ${spec.create} needs.` })
    class Input {
      @Field(() => Fields, { description: `The new ${typeName}; \`id\` is yours to choose (a stable, lowercase kebab-case slug).` })
      record!: Record<string, unknown> & { id: string };

      @Field(() => SourceInput, { description: 'The document this record comes from.' })
      source!: SourceInput;

      @Field(() => String, { nullable: true, description: IDEMPOTENCY })
      idempotencyKey?: string | null;
    }
    define(
      spec.create,
      Input,
      `Creates a ${typeName} (version 1), with the caller's agency, the time and the cited source as its first submission. Needs the "${spec.scope}" scope and the record's region in the token's jurisdiction; an existing id is a CONFLICT.`,
      (input: CreateInput, ctx) =>
        applyWrite(ctx, {
          entity,
          operation: spec.create!,
          scope: spec.scope,
          id: input.record.id,
          mode: 'create',
          next: () => (spec.prepare ? spec.prepare({ ...input.record }) : { ...input.record }),
          sent: { fields: input.record, prefix: 'input.record' },
          idempotencyKey: input.idempotencyKey,
          source: { ...input.source },
          input,
          regionOf: spec.regionOf,
          afterWrite: spec.afterWrite,
        }),
    );
  }

  if (spec.set) {
    const Fields = fieldsInput(entity, `${typeName}Record`, `A ${typeName}'s fields, validated as the seeds are.`, false);
    @InputType(`${spec.set[0].toUpperCase()}${spec.set.slice(1)}Input`, { description: `What ${spec.set} needs.` })
    class Input {
      @Field(() => Fields, { description: `The ${typeName} as it should be; \`id\` names it (a stable, lowercase kebab-case slug).` })
      record!: Record<string, unknown> & { id: string };

      @Field(() => Int, {
        nullable: true,
        description:
          'To replace an existing record: the version you last read (a different current version is a CONFLICT). Leave it out to create one.',
      })
      expectedVersion?: number | null;

      @Field(() => SourceInput, { description: 'The document this comes from.' })
      source!: SourceInput;

      @Field(() => String, { nullable: true, description: IDEMPOTENCY })
      idempotencyKey?: string | null;
    }
    define(
      spec.set,
      Input,
      `Creates a ${typeName}, or replaces the version you read of an existing one, with the caller's agency, the time and the cited source as a submission. Needs the "${spec.scope}" scope and the region in the token's jurisdiction.`,
      (input: CreateInput & { expectedVersion?: number | null }, ctx) =>
        applyWrite(ctx, {
          entity,
          operation: spec.set!,
          scope: spec.scope,
          id: input.record.id,
          mode: input.expectedVersion == null ? 'create' : 'update',
          // A replacement keeps what writes do not set (the texts' citations, the inference flag).
          next: (current) => ({ ...(current ? { citations: current.citations, inferred: current.inferred } : {}), ...input.record }),
          sent: { fields: input.record, prefix: 'input.record' },
          expectedVersion: input.expectedVersion,
          idempotencyKey: input.idempotencyKey,
          source: { ...input.source },
          input,
          regionOf: spec.regionOf,
          afterWrite: spec.afterWrite,
        }),
    );
  }

  if (spec.update) {
    const Changes = fieldsInput(
      entity,
      `${typeName}Changes`,
      `The fields of a ${typeName} to change; fields left out keep their value, null clears one.`,
      true,
    );
    @InputType(`${spec.update[0].toUpperCase()}${spec.update.slice(1)}Input`, { description: `What ${spec.update} needs.` })
    class Input {
      @Field(() => ID, { description: `The ${typeName} to change.` })
      id!: string;

      @Field(() => Int, {
        description:
          'The version you last read (`version`); if it has changed since, nothing is written and the answer is a CONFLICT naming the current version.',
      })
      expectedVersion!: number;

      @Field(() => Changes, { description: 'The fields to change.' })
      changes!: Record<string, unknown>;

      @Field(() => SourceInput, { description: 'The document the change comes from.' })
      source!: SourceInput;

      @Field(() => String, { nullable: true, description: IDEMPOTENCY })
      idempotencyKey?: string | null;
    }
    define(
      spec.update,
      Input,
      `Changes a ${typeName} against the version you read, adding a submission with the caller's agency, the time and the cited source. Needs the "${spec.scope}" scope and the region (before and after) in the token's jurisdiction.`,
      (input: UpdateInput, ctx) =>
        applyWrite(ctx, {
          entity,
          operation: spec.update!,
          scope: spec.scope,
          id: input.id,
          mode: 'update',
          next: (current) => ({ ...current, ...input.changes }),
          sent: { fields: input.changes, prefix: 'input.changes' },
          expectedVersion: input.expectedVersion,
          idempotencyKey: input.idempotencyKey,
          source: { ...input.source },
          input,
          regionOf: spec.regionOf,
          afterWrite: spec.afterWrite,
        }),
    );
  }
}
