import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { DefinitionKind } from './definition-error';
import { definitionSchemas } from './schemas';
import type { SchemaId } from './schemas';

const schemaIdByKind: Record<DefinitionKind, SchemaId> = {
  entity: 'entity.schema.json',
  form: 'form.schema.json',
  process: 'process.schema.json',
  mailTemplate: 'mail-template.schema.json',
  role: 'role.schema.json',
  calendar: 'calendar.schema.json',
  solution: 'solution.schema.json',
};

/**
 * Bounds on ISO dates and date-times, which order correctly as strings. Used by record schemas
 * (date fields' min/max) and by conditions compiled to JSON Schema.
 */
export const dateBounds: Record<string, (value: string, limit: string) => boolean> = {
  dateMinimum: (value, limit) => value >= limit,
  dateMaximum: (value, limit) => value <= limit,
  dateExclusiveMinimum: (value, limit) => value > limit,
  dateExclusiveMaximum: (value, limit) => value < limit,
};

/**
 * Creates an ajv instance with the options the platform relies on. `$data` stays off: schemas
 * compiled from admin-written definitions must never read limits out of the validated data.
 */
export function createAjv(options: { verbose?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    discriminator: true,
    strict: true,
    // Unions with a discriminator carry no `type` of their own; json-schema-to-typescript would
    // turn one into an intersection.
    strictTypes: false,
    verbose: options.verbose ?? false,
  });
  // ajv-formats resolves its own copy of ajv 8 here; its formatMinimum keywords generate code
  // with that copy's codegen, which this ajv cannot read, so date bounds use our own keywords.
  addFormats(ajv as unknown as Parameters<typeof addFormats>[0], { keywords: false });
  for (const [keyword, holds] of Object.entries(dateBounds)) {
    ajv.addKeyword({
      keyword,
      type: 'string',
      schemaType: 'string',
      validate: (limit: string, data: string) => holds(data, limit),
      errors: false,
    });
  }
  return ajv;
}

interface DefinitionValidators {
  ajv: Ajv;
  byKind: Record<DefinitionKind, ValidateFunction>;
  manifest: ValidateFunction;
}

let validators: DefinitionValidators | undefined;

/** The definition-language validators, compiled on first use and reused afterwards. */
export function definitionValidators(): DefinitionValidators {
  if (validators) return validators;
  const ajv = createAjv({ verbose: true });
  for (const schema of Object.values(definitionSchemas)) ajv.addSchema(schema);
  const compile = (id: SchemaId): ValidateFunction => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`Schema ${id} is not registered`);
    return validate;
  };
  const byKind = Object.fromEntries(
    Object.entries(schemaIdByKind).map(([kind, id]) => [kind, compile(id)]),
  ) as Record<DefinitionKind, ValidateFunction>;
  validators = { ajv, byKind, manifest: compile('solution-manifest.schema.json') };
  return validators;
}

export type { ErrorObject };
