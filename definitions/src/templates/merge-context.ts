import type { EntityDefinition, EnumOption, FieldDefinition } from '../generated/entity.generated';
import type { RecordData } from '../conditions/evaluate-condition';
import { isValueSet } from '../conditions/evaluate-condition';
import { isRecord } from '../shared/json-pointer';

/** A record a reference field points to, with its entity (needed to show its values readably). */
export interface RelatedRecord {
  entity: EntityDefinition;
  data: RecordData;
}

/** What a template may say about the record's owner (see OWNER_MERGE_FIELDS). */
export interface MergeOwner {
  name: string;
  email: string;
}

/** Values a template reads, already formatted for people. Unset fields are absent on purpose. */
export type MergeContext = Record<string, unknown>;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** "2026-11-22" → "22 November 2026"; anything else is shown as stored. */
export function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

/** Date-times are shown in UTC: a mail has no reader time zone to assume. */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  return `${formatDate(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}

export function formatMoney(value: unknown): string {
  if (isRecord(value) && typeof value.amount === 'number' && typeof value.currency === 'string')
    return `${decimal.format(value.amount)} ${value.currency}`;
  return String(value);
}

function optionLabel(field: FieldDefinition, value: unknown): string {
  const options: EnumOption[] = 'options' in field ? field.options : [];
  return options.find((option) => option.value === value)?.label ?? String(value);
}

/** One stored value as a person reads it: money with its currency, dates spelled out, enum labels. */
export function formatFieldValue(field: FieldDefinition, value: unknown): string {
  switch (field.type) {
    case 'money':
      return formatMoney(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value) : String(value);
    case 'enum':
      return optionLabel(field, value);
    case 'multiEnum':
      return Array.isArray(value) ? value.map((item) => optionLabel(field, item)).join(', ') : String(value);
    case 'boolean':
      return value === true ? 'yes' : 'no';
    case 'number':
    case 'integer':
      return typeof value === 'number' ? plain.format(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? `${plain.format(value)} %` : String(value);
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
    case 'reference':
    case 'user':
      return String(value);
    default:
      throw new Error(`Unknown field type: ${String((field as { type: unknown }).type)}`);
  }
}

/**
 * A related record in the context: its formatted fields, and its title when a template prints the
 * reference itself (`{{account}}` shows the account's name, not its id).
 */
class RelatedValues {
  [field: string]: unknown;
  constructor(values: Record<string, unknown>, title: string) {
    Object.assign(this, values);
    Object.defineProperty(this, 'toString', { value: () => title, enumerable: false });
  }
}

function formattedFields(entity: EntityDefinition, data: RecordData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of entity.fields) {
    const value = Object.hasOwn(data, field.key) ? data[field.key] : undefined;
    if (isValueSet(value)) values[field.key] = formatFieldValue(field, value);
  }
  return values;
}

function titleOf(entity: EntityDefinition, data: RecordData, fallback: string): string {
  const key = entity.titleField ?? entity.fields[0]?.key;
  const field = entity.fields.find((f) => f.key === key);
  const value = key !== undefined ? data[key] : undefined;
  return field && isValueSet(value) ? formatFieldValue(field, value) : fallback;
}

/**
 * The merge context of a template: the record's fields (formatted), each reference field replaced
 * by its related record's formatted fields (`{{account.name}}`), money fields also as
 * `{{amount.amount}}`/`{{amount.currency}}`, and `{{owner.name}}`/`{{owner.email}}`. A field
 * without a value is left out, so strict rendering names it instead of printing nothing.
 */
export function buildMergeContext(
  entity: EntityDefinition,
  record: RecordData,
  related: Record<string, RelatedRecord | undefined> = {},
  owner?: MergeOwner,
): MergeContext {
  const context: MergeContext = {};
  const defined = new Set(entity.fields.map((f) => f.key));
  for (const [key, value] of Object.entries(record)) {
    // System fields (id, stage, …) are readable as stored.
    if (!defined.has(key) && isValueSet(value) && (typeof value === 'string' || typeof value === 'number'))
      context[key] = value;
  }
  Object.assign(context, formattedFields(entity, record));
  for (const field of entity.fields) {
    const value = record[field.key];
    if (field.type === 'money' && isRecord(value) && typeof value.amount === 'number') {
      context[field.key] = Object.assign(new String(formatMoney(value)), {
        amount: decimal.format(value.amount),
        currency: value.currency,
      });
    }
    if (field.type !== 'reference' || !isValueSet(value)) continue;
    const target = Object.hasOwn(related, field.key) ? related[field.key] : undefined;
    if (target)
      context[field.key] = new RelatedValues(
        formattedFields(target.entity, target.data),
        titleOf(target.entity, target.data, String(value)),
      );
  }
  if (owner) context.owner = { name: owner.name, email: owner.email };
  else delete context.owner;
  return context;
}
