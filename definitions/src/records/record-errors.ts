import type { ErrorObject } from 'ajv';
import type { EntityDefinition, FieldDefinition } from '../generated/entity.generated';
import { pointerSegments } from '../shared/json-pointer';
import { findField, isDerivedField, isReservedFieldKey } from './fields';

/** One problem with a record's data, for the form that shows it next to the field. */
export interface FieldError {
  /** The field key (or the unknown property). */
  field: string;
  /** What was broken: "required", "type", "minimum", "maxLength", "enum", "format", "unknownField", "systemField", "readOnly"… */
  rule: string;
  /** A sentence naming the field by its label, e.g. "Amount must be at least 0." */
  message: string;
}

const formatWords: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time',
  email: 'a valid e-mail address',
  uri: 'a full web address (https://…)',
  uuid: 'a valid record id',
};

function typeWords(field: FieldDefinition | undefined): string {
  switch (field?.type) {
    case 'money':
      return 'an amount with a currency';
    case 'integer':
      return 'a whole number';
    case 'number':
    case 'percent':
      return 'a number';
    case 'boolean':
      return 'yes or no';
    case 'multiEnum':
      return 'a list of options';
    default:
      return 'text';
  }
}

function optionLabels(field: FieldDefinition | undefined, values: unknown): string {
  const list = Array.isArray(values) ? values.filter((v) => v !== null) : [];
  const options = field?.type === 'enum' || field?.type === 'multiEnum' ? field.options : [];
  return list.map((v) => options.find((o) => o.value === v)?.label ?? String(v)).join(', ');
}

function dateLimit(field: FieldDefinition | undefined, bound: 'min' | 'max'): string {
  return field?.type === 'date' ? String(field[bound]) : 'the allowed date';
}

function fieldError(entity: EntityDefinition, error: ErrorObject): FieldError | undefined {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && error.instancePath === '') {
    const key = String(p.missingProperty);
    return { field: key, rule: 'required', message: `${findField(entity, key)?.label ?? key} is required.` };
  }
  if (error.keyword === 'additionalProperties' && error.instancePath === '') {
    const key = String(p.additionalProperty);
    const field = findField(entity, key);
    if (isReservedFieldKey(key))
      return { field: key, rule: 'systemField', message: `“${key}” is a system field and cannot be set.` };
    if (field && isDerivedField(field)) {
      return {
        field: key,
        rule: 'readOnly',
        message: `${field.label} is computed automatically and cannot be set.`,
      };
    }
    return { field: key, rule: 'unknownField', message: `“${key}” is not a field of ${entity.label}.` };
  }
  const [key = '', sub] = pointerSegments(error.instancePath);
  const field = findField(entity, key);
  const label = field?.label ?? key;
  const rule = (name: string, message: string): FieldError => ({
    field: key,
    rule: name,
    message: `${label} ${message}.`,
  });
  switch (error.keyword) {
    case 'type':
    case 'additionalProperties':
      return rule('type', `must be ${typeWords(field)}`);
    case 'required':
      return rule('type', 'needs an amount and a currency');
    case 'minimum':
      return rule('minimum', `must be at least ${String(p.limit)}`);
    case 'exclusiveMinimum':
      return rule('minimum', `must be more than ${String(p.limit)}`);
    case 'maximum':
      return rule('maximum', `must be at most ${String(p.limit)}`);
    case 'exclusiveMaximum':
      return rule('maximum', `must be less than ${String(p.limit)}`);
    case 'dateMinimum':
      return rule('minimum', `must be on or after ${dateLimit(field, 'min')}`);
    case 'dateMaximum':
      return rule('maximum', `must be on or before ${dateLimit(field, 'max')}`);
    case 'minLength':
      return p.limit === 1
        ? rule('required', 'is required')
        : rule('minLength', `must have at least ${String(p.limit)} characters`);
    case 'maxLength':
      return rule('maxLength', `must have at most ${String(p.limit)} characters`);
    case 'pattern':
      return rule('pattern', 'is not in the expected format');
    case 'format':
      return rule('format', `must be ${formatWords[String(p.format)] ?? 'valid'}`);
    case 'enum':
      if (sub === 'currency')
        return rule(
          'enum',
          `must be in ${optionLabels(undefined, p.allowedValues) || 'an allowed currency'}`,
        );
      return rule('enum', `must be one of ${optionLabels(field, p.allowedValues)}`);
    case 'minItems':
      return rule('minItems', `needs at least ${String(p.limit)} choice${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return rule('maxItems', `allows at most ${String(p.limit)} choice${p.limit === 1 ? '' : 's'}`);
    case 'uniqueItems':
      return rule('uniqueItems', 'lists the same option twice');
    default:
      return rule(error.keyword, 'is not valid');
  }
}

/** Turns ajv errors on record data into one FieldError per field and rule. */
export function toFieldErrors(entity: EntityDefinition, errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const fe = fieldError(entity, error);
    if (!fe || seen.has(`${fe.field}\u0000${fe.rule}`)) continue;
    seen.add(`${fe.field}\u0000${fe.rule}`);
    out.push(fe);
  }
  return out;
}
