import type { ValidateFunction } from 'ajv';
import type { EntityDefinition } from '../generated/entity.generated';
import { createAjv } from '../validate/ajv';
import { compileRecordSchema } from './compile-record-schema';
import type { CompileRecordSchemaOptions } from './compile-record-schema';
import { toFieldErrors } from './record-errors';
import type { FieldError } from './record-errors';

export type RecordValidationResult =
  { ok: true; data: Record<string, unknown> } | { ok: false; errors: FieldError[] };

export type RecordValidator = (data: unknown) => RecordValidationResult;

function compile(entity: EntityDefinition, options: CompileRecordSchemaOptions): ValidateFunction {
  // A fresh ajv per entity version: ajv keeps every compiled schema, so a shared instance would
  // grow with each published version.
  return createAjv().compile(compileRecordSchema(entity, options));
}

/** Builds a validator for records of the entity (compiles once; call the result per record). */
export function createRecordValidator(
  entity: EntityDefinition,
  options: CompileRecordSchemaOptions = {},
): RecordValidator {
  const validate = compile(entity, options);
  return (data) => {
    if (validate(data)) return { ok: true, data: data as Record<string, unknown> };
    return { ok: false, errors: toFieldErrors(entity, validate.errors ?? []) };
  };
}

/** A bounded least-recently-used cache of record validators keyed by content hash. */
export class RecordValidatorCache {
  private readonly entries = new Map<string, RecordValidator>();

  constructor(readonly maxEntries = 200) {}

  get(entity: EntityDefinition, hash: string, options: CompileRecordSchemaOptions = {}): RecordValidator {
    const key = `${hash}|${options.partial ? 'p' : 'f'}|${options.includeDerived ? 'd' : 'c'}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const validator = createRecordValidator(entity, options);
    this.entries.set(key, validator);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return validator;
  }

  get size(): number {
    return this.entries.size;
  }
}

const sharedCache = new RecordValidatorCache();

/**
 * The validator for an entity version, compiled once per `hash` (the caller's content hash of the
 * published entity, e.g. from `contentHash`) and kept in a bounded LRU cache.
 */
export function getRecordValidator(
  entity: EntityDefinition,
  hash: string,
  options: CompileRecordSchemaOptions = {},
): RecordValidator {
  return sharedCache.get(entity, hash, options);
}
