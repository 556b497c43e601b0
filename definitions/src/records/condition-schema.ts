import type { Comparison, Condition } from '../generated/common.generated';
import type { EntityDefinition } from '../generated/entity.generated';
import { isComparison } from '../conditions/condition-walk';
import { findField } from './fields';

export type JsonSchema = Record<string, unknown>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function has(key: string, schema: JsonSchema): JsonSchema {
  return { required: [key], properties: { [key]: schema } };
}

function comparisonSchema(c: Comparison, entity: EntityDefinition): JsonSchema | undefined {
  if (c.field.startsWith('$') || c.field.includes('.')) return undefined;
  const field = findField(entity, c.field);
  if (!field) return undefined;
  // Money compares by amount.
  const on = (schema: JsonSchema): JsonSchema =>
    field.type === 'money'
      ? has(c.field, { type: 'object', ...has('amount', schema) })
      : has(c.field, schema);
  const isDate = field.type === 'date' || field.type === 'datetime';
  const format = field.type === 'date' ? 'date' : 'date-time';
  const bound = (numberKey: string, formatKey: string): JsonSchema | undefined => {
    if (typeof c.value === 'number') return on({ type: 'number', [numberKey]: c.value });
    if (typeof c.value === 'string' && isDate) return on({ type: 'string', format, [formatKey]: c.value });
    return undefined;
  };
  const isSet = has(c.field, { not: { enum: ['', null, []] } });
  switch (c.op) {
    case 'eq':
      return c.value === null ? { not: isSet } : on({ const: c.value });
    case 'ne':
      return c.value === null ? isSet : { not: on({ const: c.value }) };
    case 'gt':
      return bound('exclusiveMinimum', 'dateExclusiveMinimum');
    case 'gte':
      return bound('minimum', 'dateMinimum');
    case 'lt':
      return bound('exclusiveMaximum', 'dateExclusiveMaximum');
    case 'lte':
      return bound('maximum', 'dateMaximum');
    case 'in':
    case 'notIn': {
      const values = Array.isArray(c.value) ? c.value : [];
      const member =
        field.type === 'multiEnum' ? on({ type: 'array', contains: { enum: values } }) : on({ enum: values });
      return c.op === 'in' ? member : { not: member };
    }
    case 'contains':
      if (field.type === 'multiEnum') return on({ type: 'array', contains: { const: c.value } });
      return typeof c.value === 'string' ? on({ type: 'string', pattern: escapeRegExp(c.value) }) : undefined;
    case 'isSet':
      return isSet;
    case 'isNotSet':
      return { not: isSet };
    default:
      throw new Error(`Unknown condition operator: ${String((c as { op: unknown }).op)}`);
  }
}

/**
 * Expresses a condition on the record's own fields as a JSON Schema over its data, so record
 * schemas can make field groups conditional with if/then. Returns undefined when the condition
 * reads something the data does not hold (related records, "$stage", "$owner").
 */
export function conditionToJsonSchema(
  condition: Condition,
  entity: EntityDefinition,
): JsonSchema | undefined {
  if (isComparison(condition)) return comparisonSchema(condition, entity);
  if ('not' in condition) {
    const inner = conditionToJsonSchema(condition.not, entity);
    return inner && { not: inner };
  }
  const parts = ('all' in condition ? condition.all : condition.any).map((c) =>
    conditionToJsonSchema(c, entity),
  );
  if (parts.some((p) => p === undefined)) return undefined;
  if ('all' in condition) return parts.length === 0 ? {} : { allOf: parts };
  return parts.length === 0 ? { not: {} } : { anyOf: parts };
}
