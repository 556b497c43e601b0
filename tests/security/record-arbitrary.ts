import fc from 'fast-check';
import { isDerivedField, type EntityDefinition, type FieldDefinition } from '@crm/definitions';

/** Ids a generated record may point at: visible records per entity, and users. */
export interface ReferencePool {
  records: Record<string, string[]>;
  users: string[];
}

type Value = fc.Arbitrary<unknown>;

const PHONE = /^\+?[0-9 ()./-]{3,}$/;
// PostgreSQL cannot store U+0000 in jsonb or text; the platform answers it with a 4xx (fuzzed elsewhere).
const storableText = (minLength: number, maxLength: number) =>
  fc
    .string({ unit: 'binary', minLength, maxLength: Math.min(maxLength, 300) })
    .filter((s) => !s.includes('\u0000'));
const bounded = (arb: fc.Arbitrary<string>, min: number, max: number) =>
  arb.filter((s) => [...s].length >= min && [...s].length <= max);

function isoDate(min?: string, max?: string): fc.Arbitrary<Date> {
  return fc.date({
    min: new Date(`${min ?? '1900-01-01'}T00:00:00.000Z`),
    max: new Date(`${max ?? '2199-12-31'}T00:00:00.000Z`),
    noInvalidDate: true,
  });
}

/** A value the field's record schema accepts, or undefined when the field cannot be filled. */
function fieldValue(field: FieldDefinition, pool: ReferencePool): Value | undefined {
  switch (field.type) {
    case 'text': {
      const min = Math.max(field.minLength ?? 0, field.required ? 1 : 0);
      const max = field.maxLength ?? 1000;
      return field.pattern !== undefined
        ? bounded(fc.stringMatching(new RegExp(field.pattern)), min, max)
        : storableText(min, max);
    }
    case 'longText':
      return storableText(field.required ? 1 : 0, field.maxLength ?? 100_000);
    case 'number':
      return fc.double({
        min: field.min ?? -1e300,
        max: field.max ?? 1e300,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'integer':
      return fc.integer({
        min: Math.max(field.min ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
        max: Math.min(field.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      });
    case 'percent':
      return fc.double({
        min: Math.max(field.min ?? 0, 0),
        max: Math.min(field.max ?? 100, 100),
        noNaN: true,
      });
    case 'money':
      return fc.record({
        amount: fc.double({ min: field.min ?? -1e15, max: field.max ?? 1e15, noNaN: true }),
        currency: field.currencies ? fc.constantFrom(...field.currencies) : fc.stringMatching(/^[A-Z]{3}$/),
      });
    case 'date':
      return isoDate(field.min, field.max).map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return isoDate().map((d) => d.toISOString());
    case 'boolean':
      return fc.boolean();
    case 'email':
      return fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,20}(\.[a-z0-9]{1,10})?$/), fc.stringMatching(/^[a-z]{1,12}$/))
        .map(([local, domain]) => `${local}@${domain}.example`)
        .filter((s) => s.length <= (field.maxLength ?? 320));
    case 'phone':
      return bounded(fc.stringMatching(PHONE), 3, field.maxLength ?? 50);
    case 'url':
      return fc
        .stringMatching(/^[a-z0-9]{0,30}$/)
        .map((p) => `https://example.test/${p}`)
        .filter((s) => s.length <= (field.maxLength ?? 2048));
    case 'enum':
      return fc.constantFrom(...field.options.map((o) => o.value));
    case 'multiEnum':
      return fc.subarray(
        field.options.map((o) => o.value),
        { minLength: field.minItems ?? 0, maxLength: field.maxItems ?? field.options.length },
      );
    case 'reference': {
      const ids = pool.records[field.entity] ?? [];
      return ids.length > 0 ? fc.constantFrom(...ids) : undefined;
    }
    case 'user':
      return pool.users.length > 0 ? fc.constantFrom(...pool.users) : undefined;
    default:
      throw new Error(`unknown field type ${(field as { type: string }).type}`);
  }
}

/**
 * Valid record data for an entity, built from its field types alone: every required field (also
 * those of field groups, which are allowed when the group does not apply) and a random choice of
 * the optional ones. Derived fields are never sent: clients may not write them.
 */
export function validRecordArbitrary(
  entity: EntityDefinition,
  pool: ReferencePool,
): fc.Arbitrary<Record<string, unknown>> {
  const required: Record<string, Value> = {};
  const optional: Record<string, Value> = {};
  for (const field of entity.fields) {
    if (isDerivedField(field)) continue;
    const arb = fieldValue(field, pool);
    if (arb === undefined) {
      if (field.required) throw new Error(`cannot fill required ${entity.key}.${field.key}`);
      continue;
    }
    (field.required ? required : optional)[field.key] = arb;
  }
  return fc
    .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
    .map(([a, b]) => ({ ...b, ...a }));
}

/** Entity keys ordered so that the targets of required references come first. */
export function creationOrder(entities: EntityDefinition[]): EntityDefinition[] {
  const done = new Set<string>();
  const out: EntityDefinition[] = [];
  const visit = (entity: EntityDefinition, trail: string[]) => {
    if (done.has(entity.key)) return;
    if (trail.includes(entity.key)) throw new Error(`required references form a cycle: ${trail.join(' → ')}`);
    for (const field of entity.fields) {
      if (field.type !== 'reference' || !field.required) continue;
      const target = entities.find((e) => e.key === field.entity);
      if (target) visit(target, [...trail, entity.key]);
    }
    done.add(entity.key);
    out.push(entity);
  };
  for (const entity of entities) visit(entity, []);
  return out;
}
