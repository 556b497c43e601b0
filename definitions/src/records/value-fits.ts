import type { FieldDefinition } from '../generated/entity.generated';
import { isRecord } from '../shared/json-pointer';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;

function optionValues(field: FieldDefinition): string[] {
  return field.type === 'enum' || field.type === 'multiEnum' ? field.options.map((o) => o.value) : [];
}

/**
 * Whether a value written in a definition (a derived value, an updateRecord value) suits the
 * field's type. `null` (empty) suits every field. Limits such as min/max are left to record
 * validation.
 */
export function valueFitsField(field: FieldDefinition, value: unknown): boolean {
  if (value === null) return true;
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
    case 'reference':
    case 'user':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'percent':
      return typeof value === 'number' && value >= 0 && value <= 100;
    case 'money':
      return (
        isRecord(value) &&
        typeof value.amount === 'number' &&
        typeof value.currency === 'string' &&
        Object.keys(value).length === 2 &&
        (!field.currencies || field.currencies.includes(value.currency))
      );
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'datetime':
      return typeof value === 'string' && DATE_TIME.test(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && optionValues(field).includes(value);
    case 'multiEnum':
      return (
        Array.isArray(value) && value.every((v) => typeof v === 'string' && optionValues(field).includes(v))
      );
    default:
      throw new Error(`Unknown field type: ${(field as { type: string }).type}`);
  }
}
