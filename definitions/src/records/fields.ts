import type { EntityDefinition, FieldDefinition, ReferenceField } from '../generated/entity.generated';

/** Keys of the system fields every record has; entity fields may not use them. */
export const RESERVED_FIELD_KEYS = [
  'id',
  'entity',
  'owner',
  'ownerId',
  'stage',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'deletedAt',
] as const;

export type ReservedFieldKey = (typeof RESERVED_FIELD_KEYS)[number];

export function isReservedFieldKey(key: string): key is ReservedFieldKey {
  return (RESERVED_FIELD_KEYS as readonly string[]).includes(key);
}

/** Finds an entity definition by key; how entities are found is up to the caller. */
export type EntityLookup = (key: string) => EntityDefinition | undefined;

/** Accepts a list of entities or a lookup function. */
export function toLookup(entities: readonly EntityDefinition[] | EntityLookup | undefined): EntityLookup {
  if (typeof entities === 'function') return entities;
  const byKey = new Map((entities ?? []).map((e) => [e.key, e]));
  return (key) => byKey.get(key);
}

export function findField(entity: EntityDefinition, key: string): FieldDefinition | undefined {
  return entity.fields.find((field) => field.key === key);
}

/** The fields of an entity, optionally of some types only. */
export function listFields<T extends FieldDefinition['type']>(
  entity: EntityDefinition,
  types?: readonly T[],
): Array<Extract<FieldDefinition, { type: T }>> {
  return entity.fields.filter((f): f is Extract<FieldDefinition, { type: T }> =>
    types ? (types as readonly string[]).includes(f.type) : true,
  );
}

/** Derived fields are computed on every save and never accepted from clients. */
export function isDerivedField(field: FieldDefinition): boolean {
  return field.derive !== undefined;
}

/** What a field path designates. `unresolved`: it goes through a reference whose entity is unknown. */
export type FieldResolution =
  | { status: 'found'; field: FieldDefinition; entity: EntityDefinition; via?: ReferenceField }
  | { status: 'missing'; reason: string }
  | { status: 'unresolved' };

/**
 * Resolves "field" or "reference.field" on an entity. A path through a reference whose target
 * entity the lookup cannot find is `unresolved` rather than missing: the missing entity is
 * reported on its own.
 */
export function resolveFieldPath(
  entity: EntityDefinition,
  path: string,
  lookup?: EntityLookup,
): FieldResolution {
  const [head = '', tail, ...extra] = path.split('.');
  if (extra.length > 0) return { status: 'missing', reason: 'a field path has at most one dot' };
  const field = findField(entity, head);
  if (!field) return { status: 'missing', reason: `${entity.label} has no field “${head}”` };
  if (tail === undefined) return { status: 'found', field, entity };
  if (field.type !== 'reference') {
    return { status: 'missing', reason: `“${field.label}” is not a reference field, so it has no “${tail}”` };
  }
  const target = lookup?.(field.entity);
  if (!target) return { status: 'unresolved' };
  const targetField = findField(target, tail);
  if (!targetField) return { status: 'missing', reason: `${target.label} has no field “${tail}”` };
  return { status: 'found', field: targetField, entity: target, via: field };
}

/** Whether "field" or "reference.field" exists (paths through unknown entities do not). */
export function fieldPathExists(
  entity: EntityDefinition,
  path: string,
  entities?: readonly EntityDefinition[] | EntityLookup,
): boolean {
  return resolveFieldPath(entity, path, toLookup(entities)).status === 'found';
}

/** Every field path usable on the entity: its own fields, then the fields of referenced records. */
export function listFieldPaths(
  entity: EntityDefinition,
  entities?: readonly EntityDefinition[] | EntityLookup,
): string[] {
  const lookup = toLookup(entities);
  const own = entity.fields.map((f) => f.key);
  const related = listFields(entity, ['reference']).flatMap((ref) => {
    const target = lookup(ref.entity);
    return target ? target.fields.map((f) => `${ref.key}.${f.key}`) : [];
  });
  return [...own, ...related];
}
