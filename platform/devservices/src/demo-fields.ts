// Values for the fields a stage requires before a demo deal may leave it. Known keys of the B2B
// deal get realistic text; every other field gets a plausible value of its type, so the walk works
// for whatever the published process requires.
import type { FieldDefinition } from '@crm/definitions';
import { isoDate, type DemoRandom } from './demo-random';

export interface FieldContext {
  /** When the value was filled in (the moment the deal leaves the stage). */
  at: Date;
  ownerId: string;
  /** Ids of seeded records by entity key, for reference fields. */
  references: ReadonlyMap<string, readonly string[]>;
}

const KNOWN_TEXTS: Readonly<Record<string, readonly string[]>> = {
  decision_maker: [
    'Managing Director, signs alone',
    'Head of Purchasing with the CFO',
    'Board decision, prepared by the IT Manager',
    'Operations Lead, budget from the CFO',
  ],
  pains: [
    'Stock counts are wrong every month; pickers search for goods.',
    'Checkout queues at peak hours; old terminals fail.',
    'No overview of orders across the branches.',
    'Labels are printed by hand and shipments go out late.',
  ],
  competitors: ['Local reseller', 'Incumbent ERP vendor', 'None known'],
  lost_comment: [
    'The client went with a cheaper offer.',
    'The project was postponed to next year.',
    'No reply after three follow-ups.',
  ],
};

const between = (random: DemoRandom, min: number, max: number) =>
  random.int(Math.ceil(min), Math.max(Math.ceil(min), Math.floor(max)));

/** A value for the field, or undefined when the demo cannot make one up (e.g. a text with a pattern). */
export function demoFieldValue(random: DemoRandom, field: FieldDefinition, context: FieldContext): unknown {
  switch (field.type) {
    case 'text':
    case 'longText': {
      const known = KNOWN_TEXTS[field.key];
      if (known !== undefined) return random.pick(known);
      if (field.type === 'text' && field.pattern !== undefined) return undefined;
      return `${field.label}: to be confirmed`.slice(0, field.maxLength ?? 200);
    }
    case 'number':
    case 'integer':
    case 'percent':
      return between(random, field.min ?? 0, Math.min(field.max ?? 100, (field.min ?? 0) + 100));
    case 'money':
      return {
        amount: between(random, Math.max(field.min ?? 0, 5), Math.min(field.max ?? 500, 500)) * 1_000,
        currency: field.currencies?.[0] ?? 'EUR',
      };
    case 'date':
      return isoDate(context.at, 0);
    case 'datetime':
      return context.at.toISOString();
    case 'boolean':
      return true;
    case 'email':
      return 'demo.contact@customer.example';
    case 'phone':
      return `+49 40 ${random.int(1_000_000, 9_999_999)}`;
    case 'url':
      return 'https://www.customer.example';
    case 'enum':
      return field.options.length === 0 ? undefined : random.pick(field.options).value;
    case 'multiEnum':
      return field.options.length === 0 ? undefined : [random.pick(field.options).value];
    case 'reference': {
      const ids = context.references.get(field.entity) ?? [];
      return ids.length === 0 ? undefined : random.pick(ids);
    }
    case 'user':
      return context.ownerId;
    default:
      throw new Error(`Unknown field type ${String((field satisfies never as { type: unknown }).type)}`);
  }
}

/** True when the record data holds a value for the field (the same notion as "required"). */
export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}
