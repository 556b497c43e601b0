import type { EntityDefinition, FieldDefinition } from '../generated/entity.generated';
import { conditionToJsonSchema } from './condition-schema';
import type { JsonSchema } from './condition-schema';
import { isDerivedField } from './fields';

export interface CompileRecordSchemaOptions {
  /** For partial updates (PATCH): nothing is required; present values are still checked. */
  partial?: boolean;
  /** Accept derived fields (for data the platform computed itself, never for client input). */
  includeDerived?: boolean;
}

/** Lengths applied when a field does not set its own, so no field accepts unbounded text. */
export const DEFAULT_MAX_LENGTH = {
  text: 1000,
  longText: 100_000,
  email: 320,
  phone: 50,
  url: 2048,
} as const;

const PHONE_PATTERN = '^\\+?[0-9 ().\\/-]{3,}$';

/** The JSON Schema of one field's value (never null). */
export function fieldValueSchema(field: FieldDefinition): JsonSchema {
  const base = { title: field.label, ...(field.readOnly || field.derive ? { readOnly: true } : {}) };
  const limits = (min?: number, max?: number): JsonSchema => ({
    ...(min !== undefined ? { minimum: min } : {}),
    ...(max !== undefined ? { maximum: max } : {}),
  });
  switch (field.type) {
    case 'text':
      return {
        ...base,
        type: 'string',
        ...(field.minLength !== undefined || field.required
          ? { minLength: Math.max(field.minLength ?? 0, field.required ? 1 : 0) }
          : {}),
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.text,
        ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
      };
    case 'longText':
      return {
        ...base,
        type: 'string',
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.longText,
        ...(field.required ? { minLength: 1 } : {}),
      };
    case 'number':
      return { ...base, type: 'number', ...limits(field.min, field.max) };
    case 'integer':
      return { ...base, type: 'integer', ...limits(field.min, field.max) };
    case 'percent':
      return {
        ...base,
        type: 'number',
        ...limits(Math.max(field.min ?? 0, 0), Math.min(field.max ?? 100, 100)),
      };
    case 'money':
      return {
        ...base,
        type: 'object',
        properties: {
          amount: { type: 'number', ...limits(field.min, field.max) },
          currency: field.currencies
            ? { type: 'string', enum: field.currencies }
            : { type: 'string', pattern: '^[A-Z]{3}$' },
        },
        required: ['amount', 'currency'],
        additionalProperties: false,
      };
    case 'date':
      return {
        ...base,
        type: 'string',
        format: 'date',
        ...(field.min !== undefined ? { dateMinimum: field.min } : {}),
        ...(field.max !== undefined ? { dateMaximum: field.max } : {}),
      };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'email':
      return {
        ...base,
        type: 'string',
        format: 'email',
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.email,
      };
    case 'phone':
      return {
        ...base,
        type: 'string',
        pattern: PHONE_PATTERN,
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.phone,
      };
    case 'url':
      return { ...base, type: 'string', format: 'uri', maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH.url };
    case 'enum':
      return { ...base, type: 'string', enum: field.options.map((o) => o.value) };
    case 'multiEnum':
      return {
        ...base,
        type: 'array',
        items: { type: 'string', enum: field.options.map((o) => o.value) },
        uniqueItems: true,
        ...(field.minItems !== undefined ? { minItems: field.minItems } : {}),
        ...(field.maxItems !== undefined ? { maxItems: field.maxItems } : {}),
      };
    case 'reference':
    case 'user':
      return { ...base, type: 'string', format: 'uuid' };
    default:
      throw new Error(`Unknown field type: ${(field as { type: string }).type}`);
  }
}

/** The same schema that also accepts null (an emptied field). */
function nullable(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  const out: JsonSchema = { ...schema, type: [type, 'null'] };
  if (Array.isArray(schema.enum)) out.enum = [...(schema.enum as unknown[]), null];
  return out;
}

/**
 * Compiles an entity into the JSON Schema of its records' `data`: one property per field (typed,
 * bounded), required fields, no unknown or system properties, and field groups as if/then so a
 * group's required fields are required only while the group applies. Derived fields are left
 * out (clients may not send them) unless `includeDerived`.
 */
export function compileRecordSchema(
  entity: EntityDefinition,
  options: CompileRecordSchemaOptions = {},
): JsonSchema {
  const fields = entity.fields.filter((f) => options.includeDerived || !isDerivedField(f));
  const grouped = new Set((entity.fieldGroups ?? []).flatMap((g) => g.fields));
  const alwaysRequired = fields.filter((f) => f.required && !grouped.has(f.key) && !isDerivedField(f));
  const properties = Object.fromEntries(
    fields.map((f) => [
      f.key,
      alwaysRequired.includes(f) ? fieldValueSchema(f) : nullable(fieldValueSchema(f)),
    ]),
  );
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: entity.label,
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (options.partial) return schema;
  if (alwaysRequired.length > 0) schema.required = alwaysRequired.map((f) => f.key);
  const conditionals = (entity.fieldGroups ?? []).flatMap((group) => {
    const required = fields.filter((f) => f.required && group.fields.includes(f.key));
    const when = conditionToJsonSchema(group.when, entity);
    if (required.length === 0 || !when) return [];
    return [
      {
        if: when,
        then: {
          required: required.map((f) => f.key),
          properties: Object.fromEntries(required.map((f) => [f.key, fieldValueSchema(f)])),
        },
      },
    ];
  });
  if (conditionals.length > 0) schema.allOf = conditionals;
  return schema;
}
