// Pure edits of an entity's segment-dependent field groups. The editor shows the common case (the
// group applies while a choice field has one of some values) as pickers, and writes it back as a
// plain condition of the definition language; any other condition is left to the condition builder.
import {
  isComparison,
  type Condition,
  type EntityDefinition,
  type EnumField,
  type FieldDefinition,
  type FieldGroup,
} from '@crm/definitions';

/** "The group applies while `field` is one of `values`." */
export interface SegmentRule {
  field: string;
  values: string[];
}

/** The choice fields a group can depend on: single-choice fields outside every group. */
export function segmentFields(entity: EntityDefinition): EnumField[] {
  const grouped = groupedKeys(entity);
  return entity.fields.filter((f): f is EnumField => f.type === 'enum' && !grouped.has(f.key));
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Reads a group's condition as a segment rule when it is one: `eq` one value, `in` several, or
 * an `any` of `eq`s on the same field (and the same wrapped in a one-item `all`). Anything else
 * is not a segment rule (null), and the editor keeps it as written.
 */
export function segmentRuleOf(when: Condition): SegmentRule | null {
  if (isComparison(when)) {
    if (when.op === 'eq' && typeof when.value === 'string')
      return { field: when.field, values: [when.value] };
    if (when.op === 'in' && isStringList(when.value) && when.value.length > 0)
      return { field: when.field, values: [...when.value] };
    return null;
  }
  if ('all' in when) return when.all.length === 1 && when.all[0] ? segmentRuleOf(when.all[0]) : null;
  if ('any' in when) {
    const parts = when.any.map(segmentRuleOf);
    const first = parts[0];
    if (!first || parts.some((p) => p === null || p.field !== first.field)) return null;
    return { field: first.field, values: [...new Set(parts.flatMap((p) => p?.values ?? []))] };
  }
  return null;
}

/** The condition for a segment rule: `eq` for one value, `in` for several. */
export function segmentCondition(rule: SegmentRule): Condition {
  const [only, ...more] = rule.values;
  return only !== undefined && more.length === 0
    ? { field: rule.field, op: 'eq', value: only }
    : { field: rule.field, op: 'in', value: [...rule.values] };
}

/** Keys of the fields that belong to a group (optionally ignoring one group). */
export function groupedKeys(entity: EntityDefinition, exceptGroup?: number): Set<string> {
  return new Set((entity.fieldGroups ?? []).flatMap((g, i) => (i === exceptGroup ? [] : g.fields)));
}

/**
 * The fields a group may hold: not in another group (a field belongs to at most one), and not
 * the field the group itself depends on (it would hide its own switch).
 */
export function assignableFields(entity: EntityDefinition, groupIndex: number): FieldDefinition[] {
  const taken = groupedKeys(entity, groupIndex);
  const group = entity.fieldGroups?.[groupIndex];
  const rule = group ? segmentRuleOf(group.when) : null;
  return entity.fields.filter((f) => !taken.has(f.key) && f.key !== rule?.field);
}

/** A technical key (`^[a-z][a-z0-9_]*$`) made from an option value, which may hold capitals, "-" and ".". */
function toKey(text: string): string {
  const key = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 50);
  return /^[a-z]/.test(key) ? key : `group_${key}`;
}

function uniqueGroupKey(entity: EntityDefinition, base: string): string {
  const taken = new Set((entity.fieldGroups ?? []).map((g) => g.key));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/**
 * A new group on a choice field's option, holding no field yet (the validation asks for one
 * until the analyst ticks some).
 */
export function newGroup(entity: EntityDefinition): FieldGroup {
  // Prefer the switch other groups already use (the segment), and an option no group covers yet.
  const groups = entity.fieldGroups ?? [];
  const rules = groups.map((g) => segmentRuleOf(g.when)).filter((r) => r !== null);
  const candidates = segmentFields(entity);
  const segment = candidates.find((f) => rules.some((r) => r.field === f.key)) ?? candidates[0];
  const covered = new Set(rules.filter((r) => r.field === segment?.key).flatMap((r) => r.values));
  const option = segment?.options.find((o) => !covered.has(o.value)) ?? segment?.options[0];
  const when: Condition = segment
    ? { field: segment.key, op: 'eq', value: option?.value ?? '' }
    : { field: entity.fields[0]?.key ?? '', op: 'isSet' };
  const label = option ? `${option.label} parameters` : 'New group';
  const key = uniqueGroupKey(entity, toKey(option ? `${option.value}_parameters` : 'group'));
  return { key, label, when, fields: [] };
}

function withGroups(entity: EntityDefinition, groups: FieldGroup[]): EntityDefinition {
  const { fieldGroups: _old, ...rest } = entity;
  return groups.length > 0 ? { ...rest, fieldGroups: groups } : rest;
}

export function addGroup(entity: EntityDefinition): EntityDefinition {
  return withGroups(entity, [...(entity.fieldGroups ?? []), newGroup(entity)]);
}

export function removeGroup(entity: EntityDefinition, index: number): EntityDefinition {
  return withGroups(
    entity,
    (entity.fieldGroups ?? []).filter((_, i) => i !== index),
  );
}

export function updateGroup(entity: EntityDefinition, index: number, group: FieldGroup): EntityDefinition {
  return withGroups(
    entity,
    (entity.fieldGroups ?? []).map((g, i) => (i === index ? group : g)),
  );
}

/** Puts a field in a group or takes it out, keeping the entity's field order inside the group. */
export function toggleGroupField(
  entity: EntityDefinition,
  index: number,
  fieldKey: string,
  member: boolean,
): EntityDefinition {
  const group = entity.fieldGroups?.[index];
  if (!group) return entity;
  const keys = new Set(group.fields);
  if (member) keys.add(fieldKey);
  else keys.delete(fieldKey);
  const ordered = entity.fields.map((f) => f.key).filter((k) => keys.has(k));
  return updateGroup(entity, index, { ...group, fields: ordered });
}

/** Sets a group's segment rule (field and values). Values unknown to the new field are dropped. */
export function setSegmentRule(entity: EntityDefinition, index: number, rule: SegmentRule): EntityDefinition {
  const group = entity.fieldGroups?.[index];
  if (!group) return entity;
  const field = entity.fields.find((f) => f.key === rule.field);
  const options = field && (field.type === 'enum' || field.type === 'multiEnum') ? field.options : [];
  const values = rule.values.filter((v) => options.some((o) => o.value === v));
  const chosen = values.length > 0 ? values : options.slice(0, 1).map((o) => o.value);
  // The group's own switch cannot be one of its fields.
  const fields = group.fields.filter((k) => k !== rule.field);
  return updateGroup(entity, index, {
    ...group,
    fields,
    when: segmentCondition({ field: rule.field, values: chosen }),
  });
}

/**
 * Renames a field and every place in the entity that names it: the groups that hold it, the
 * title field, and the segment rules of groups that depend on it.
 */
export function renameField(entity: EntityDefinition, from: string, to: string): EntityDefinition {
  const rename = (k: string) => (k === from ? to : k);
  const fields = entity.fields.map((f) => (f.key === from ? { ...f, key: to } : f));
  const groups = (entity.fieldGroups ?? []).map((g) => {
    const rule = segmentRuleOf(g.when);
    return {
      ...g,
      fields: g.fields.map(rename),
      when: rule && rule.field === from ? segmentCondition({ ...rule, field: to }) : g.when,
    };
  });
  const titleField = entity.titleField === from ? to : entity.titleField;
  return withGroups({ ...entity, fields, ...(titleField !== undefined ? { titleField } : {}) }, groups);
}

/** Removes a field and its group memberships (a group left empty is flagged by the validation). */
export function removeField(entity: EntityDefinition, index: number): EntityDefinition {
  const key = entity.fields[index]?.key;
  const fields = entity.fields.filter((_, i) => i !== index);
  const groups = (entity.fieldGroups ?? []).map((g) => ({
    ...g,
    fields: g.fields.filter((k) => k !== key),
  }));
  return withGroups({ ...entity, fields }, groups);
}
