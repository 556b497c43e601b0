// A made-up record of any entity, with made-up related records and owner, for previews: every
// field gets a plausible value of its type (its default when it has one), so that a template's
// merge fields and a form's widgets show something readable before any real record exists.
import {
  applyDerivations,
  type EntityDefinition,
  type FieldDefinition,
  type MergeOwner,
  type RecordData,
  type RelatedRecord,
} from '@crm/definitions';

export interface SampleRecord {
  data: RecordData;
  /** The records the reference fields point to, by reference field key. */
  related: Record<string, RelatedRecord>;
  owner: MergeOwner;
}

export const SAMPLE_OWNER: MergeOwner = { name: 'Sam Carter', email: 'sam.carter@example.com' };

/** Words for text fields whose key says what they hold; anything else is "<label> (sample)". */
const TEXT_HINTS: [RegExp, string][] = [
  [/first_?name/, 'Alex'],
  [/last_?name|surname/, 'Morgan'],
  [/city/, 'Springfield'],
  [/country/, 'Netherlands'],
  [/street|address/, '1 Market Street'],
  [/postal|zip/, '1012 AB'],
];

function sampleId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function within(value: number, min: number | undefined, max: number | undefined): number {
  return Math.min(max ?? value, Math.max(min ?? value, value));
}

/** Tried in turn for a text field with a pattern: typical codes (VAT ids, product codes, numbers). */
const PATTERN_CANDIDATES = ['NL123456789B01', 'ABC-1234', '12345678', 'AB123456', 'A1', 'sample'];

function sampleText(
  field: Extract<FieldDefinition, { type: 'text' }>,
  entity: EntityDefinition,
): string | undefined {
  if (field.pattern !== undefined) {
    try {
      const re = new RegExp(field.pattern, 'u');
      return PATTERN_CANDIDATES.find((c) => re.test(c));
    } catch {
      return undefined; // The validation reports the broken pattern.
    }
  }
  const hint = TEXT_HINTS.find(([re]) => re.test(field.key))?.[1];
  if (hint) return hint;
  if (field.key === (entity.titleField ?? 'name')) return `Sample ${entity.label.toLowerCase()}`;
  return `${field.label} (sample)`;
}

/** A value of the field's type that its own limits accept. */
export function sampleValue(field: FieldDefinition, entity: EntityDefinition, n = 1): unknown {
  if ('default' in field && field.default !== undefined) return field.default;
  switch (field.type) {
    case 'text': {
      const text = sampleText(field, entity);
      return text !== undefined && field.maxLength !== undefined ? text.slice(0, field.maxLength) : text;
    }
    case 'longText':
      return `${field.label}: a few sentences written for the preview.`;
    case 'number':
      return within(1250.5, field.min, field.max);
    case 'integer':
      return within(12, field.min, field.max);
    case 'money':
      return { amount: within(12500, field.min, field.max), currency: field.currencies?.[0] ?? 'EUR' };
    case 'percent':
      return within(15, field.min, field.max);
    case 'date':
      return field.min ?? '2026-12-15';
    case 'datetime':
      return '2026-12-15T10:30:00.000Z';
    case 'boolean':
      return true;
    case 'email':
      return 'alex.morgan@example.com';
    case 'phone':
      return '+31 20 555 0100';
    case 'url':
      return 'https://example.com';
    case 'enum':
      return field.options[0]?.value;
    case 'multiEnum':
      return field.options.slice(0, Math.max(1, field.minItems ?? 1)).map((o) => o.value);
    case 'reference':
    case 'user':
      return sampleId(n);
    default:
      throw new Error(`Unknown field type: ${String((field as { type: unknown }).type)}`);
  }
}

/**
 * The values a person could enter: every field but the derived ones (those the platform computes,
 * and a record carrying them is refused). A text field whose pattern no candidate fits stays empty.
 */
export function sampleInput(entity: EntityDefinition): RecordData {
  const data: RecordData = {};
  entity.fields.forEach((f, i) => {
    const value = f.derive ? undefined : sampleValue(f, entity, i + 1);
    if (value !== undefined) data[f.key] = value;
  });
  return data;
}

function sampleData(entity: EntityDefinition, related: Record<string, RelatedRecord> = {}): RecordData {
  const relatedData: Record<string, RecordData> = {};
  for (const [key, r] of Object.entries(related)) relatedData[key] = r.data;
  return applyDerivations(entity, sampleInput(entity), { related: relatedData });
}

/** A sample record of the entity (derived fields computed), its related records (one level deep) and an owner. */
export function sampleRecord(entity: EntityDefinition, entities: readonly EntityDefinition[]): SampleRecord {
  const related: Record<string, RelatedRecord> = {};
  for (const field of entity.fields) {
    if (field.type !== 'reference') continue;
    const target = entities.find((e) => e.key === field.entity);
    if (target) related[field.key] = { entity: target, data: sampleData(target) };
  }
  return { data: sampleData(entity, related), related, owner: SAMPLE_OWNER };
}
