// Shows record values the way their field type reads, for lists, cards and the timeline.
import type { EntityDefinition, FieldDefinition, RecordView } from '@crm/definitions';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function moneyAmount(value: unknown): number | undefined {
  if (isObject(value) && typeof value.amount === 'number') return value.amount;
  return typeof value === 'number' ? value : undefined;
}

export function formatMoney(amount: number, currency?: string): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: currency ? 'currency' : 'decimal',
      ...(currency ? { currency } : {}),
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString()} ${currency ?? ''}`.trim();
  }
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return withTime
    ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function optionLabel(field: FieldDefinition | undefined, value: unknown): string {
  if (field && (field.type === 'enum' || field.type === 'multiEnum'))
    return field.options.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

export function formatValue(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'money': {
      const amount = moneyAmount(value);
      const currency = isObject(value) && typeof value.currency === 'string' ? value.currency : undefined;
      return amount === undefined ? '' : formatMoney(amount, currency);
    }
    case 'percent':
      return `${String(value)} %`;
    case 'date':
      return typeof value === 'string' ? formatDate(value) : '';
    case 'datetime':
      return typeof value === 'string' ? formatDate(value, true) : '';
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'enum':
      return optionLabel(field, value);
    case 'multiEnum':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v)).join(', ') : '';
    case 'number':
    case 'integer':
      return typeof value === 'number' ? value.toLocaleString() : String(value);
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
    case 'reference':
    case 'user':
      return String(value);
    default:
      throw new Error(`unknown field type ${(field satisfies never as { type: string }).type}`);
  }
}

export function titleOf(entity: EntityDefinition, record: Pick<RecordView, 'data' | 'id'>): string {
  const value = entity.titleField ? record.data[entity.titleField] : undefined;
  return typeof value === 'string' && value !== '' ? value : `${entity.label} ${record.id.slice(0, 8)}`;
}

/** The entity's first money field: what kanban cards and the dashboard add up. */
export function amountField(entity: EntityDefinition): FieldDefinition | undefined {
  return entity.fields.find((f) => f.type === 'money');
}
