// The settings each field type takes beyond key, label and flags (limits, pattern, currencies,
// default, hint), as a table that drives the field settings row, and the pure edit of one setting.
import type { FieldDefinition } from '@crm/definitions';

/** Every field type, in the order the field table offers them. */
export const FIELD_TYPES: readonly FieldDefinition['type'][] = [
  'text',
  'longText',
  'number',
  'integer',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'email',
  'phone',
  'url',
  'enum',
  'multiEnum',
  'reference',
  'user',
];

export type SettingKind = 'number' | 'integer' | 'text' | 'date' | 'currencies' | 'boolean' | 'option';

export interface SettingSpec {
  prop: string;
  label: string;
  kind: SettingKind;
}

const HINT: SettingSpec = { prop: 'helpText', label: 'Hint under the field', kind: 'text' };
const READ_ONLY: SettingSpec = { prop: 'readOnly', label: 'Read-only on forms', kind: 'boolean' };
const range = (kind: 'number' | 'integer' | 'date'): SettingSpec[] => [
  { prop: 'min', label: 'Smallest', kind },
  { prop: 'max', label: 'Largest', kind },
];
const maxLength: SettingSpec = { prop: 'maxLength', label: 'Most characters', kind: 'integer' };
const byDefault = (kind: SettingKind): SettingSpec => ({ prop: 'default', label: 'Default', kind });

/** The settings a field of the type takes, in the order the row shows them. */
export function fieldSettings(type: FieldDefinition['type']): SettingSpec[] {
  switch (type) {
    case 'text':
      return [
        { prop: 'minLength', label: 'Fewest characters', kind: 'integer' },
        maxLength,
        { prop: 'pattern', label: 'Pattern (regular expression)', kind: 'text' },
        byDefault('text'),
        HINT,
        READ_ONLY,
      ];
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
      return [maxLength, byDefault('text'), HINT, READ_ONLY];
    case 'number':
    case 'percent':
      return [...range('number'), byDefault('number'), HINT, READ_ONLY];
    case 'integer':
      return [...range('integer'), byDefault('integer'), HINT, READ_ONLY];
    case 'money':
      return [
        ...range('number'),
        { prop: 'currencies', label: 'Currencies', kind: 'currencies' },
        HINT,
        READ_ONLY,
      ];
    case 'date':
      return [...range('date'), byDefault('date'), HINT, READ_ONLY];
    case 'datetime':
    case 'reference':
    case 'user':
      return [HINT, READ_ONLY];
    case 'boolean':
      return [{ prop: 'default', label: 'Ticked for new records', kind: 'boolean' }, HINT, READ_ONLY];
    case 'enum':
      return [byDefault('option'), HINT, READ_ONLY];
    case 'multiEnum':
      return [
        { prop: 'minItems', label: 'Fewest choices', kind: 'integer' },
        { prop: 'maxItems', label: 'Most choices', kind: 'integer' },
        HINT,
        READ_ONLY,
      ];
    default:
      throw new Error(`Unknown field type: ${String(type)}`);
  }
}

/** The setting as an input shows it. */
export function readSetting(field: FieldDefinition, spec: SettingSpec): string | boolean {
  const value = (field as unknown as Record<string, unknown>)[spec.prop];
  if (spec.kind === 'boolean') return value === true;
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

function parse(spec: SettingSpec, raw: string | boolean): unknown {
  if (spec.kind === 'boolean') return raw === true ? true : undefined;
  const text = String(raw).trim();
  if (text === '') return undefined;
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      // An unfinished number ("-", "1e") is left unset; the validation asks for a valid one.
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'currencies': {
      const codes = text
        .split(/[\s,;]+/)
        .map((c) => c.toUpperCase())
        .filter(Boolean);
      return codes.length > 0 ? [...new Set(codes)] : undefined;
    }
    case 'text':
    case 'date':
    case 'option':
      return spec.kind === 'text' ? String(raw) : text;
    default:
      throw new Error(`Unknown setting kind: ${String(spec.kind)}`);
  }
}

/** The field with one setting changed; an empty input removes the setting. */
export function writeSetting(
  field: FieldDefinition,
  spec: SettingSpec,
  raw: string | boolean,
): FieldDefinition {
  const next = { ...field } as unknown as Record<string, unknown>;
  const value = parse(spec, raw);
  if (value === undefined) delete next[spec.prop];
  else next[spec.prop] = value;
  return next as unknown as FieldDefinition;
}
