import type {
  EntityDefinition,
  EnumOption,
  FieldDefinition,
  FieldGroup,
} from '../generated/entity.generated';
import type { DefinitionChange, DestructiveFieldChange, DiffContext } from './diff.types';
import { ChangeCollector, matchList } from './diff-collector';
import { describeCondition, findByKey, isDeepEqual, quote } from './diff-format';

const fieldTypeLabel: Record<FieldDefinition['type'], string> = {
  text: 'Text',
  longText: 'Long text',
  number: 'Number',
  integer: 'Integer',
  money: 'Money',
  percent: 'Percent',
  date: 'Date',
  datetime: 'Date and time',
  boolean: 'Yes/no',
  email: 'E-mail',
  phone: 'Phone',
  url: 'Web address',
  enum: 'Choice',
  multiEnum: 'Multiple choice',
  reference: 'Reference',
  user: 'User',
};

/** Constraint properties compared one by one, with the noun used in messages. */
const constraintNouns: [string, string][] = [
  ['min', 'min'],
  ['max', 'max'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['pattern', 'pattern'],
  ['currencies', 'currencies'],
  ['minItems', 'min selections'],
  ['maxItems', 'max selections'],
  ['default', 'default'],
];

/** The field changes that can lose stored record data: removed fields, changed types, re-targeted references. */
export function destructiveFieldChanges(
  before: EntityDefinition,
  after: EntityDefinition,
): DestructiveFieldChange[] {
  const match = matchList(before.fields, after.fields, (f) => f.key);
  const removed = match.removed.map(({ item }): DestructiveFieldChange => ({
    fieldKey: item.key,
    change: 'removed',
    from: item.type,
    to: null,
  }));
  const retyped = match.kept
    .filter(({ before: b, after: a }) => isRetyped(b, a))
    .map(({ before: b, after: a }): DestructiveFieldChange => ({
      fieldKey: a.key,
      change: 'retyped',
      from: b.type,
      to: a.type,
    }));
  return [...removed, ...retyped];
}

function isRetyped(before: FieldDefinition, after: FieldDefinition): boolean {
  if (before.type !== after.type) return true;
  return before.type === 'reference' && after.type === 'reference' && before.entity !== after.entity;
}

/** Compares two versions of an entity (either may be missing: the entity was added or removed). */
export function diffEntity(
  before: EntityDefinition | undefined,
  after: EntityDefinition | undefined,
  context: DiffContext = {},
): DefinitionChange[] {
  const key = after?.key ?? before?.key ?? '';
  const out = new ChangeCollector('entity', key);
  if (before === undefined && after !== undefined) {
    out.add('', 'added', `Entity ${quote(after.label)} added`);
  } else if (before !== undefined && after === undefined) {
    out.add('', 'removed', `Entity ${quote(before.label)} removed`, 'destructive');
  } else if (before !== undefined && after !== undefined) {
    const ctx: DiffContext = { ...context, entities: [after, before, ...(context.entities ?? [])] };
    diffEntityProperties(out, before, after, ctx);
  }
  return out.changes;
}

function diffEntityProperties(
  out: ChangeCollector,
  before: EntityDefinition,
  after: EntityDefinition,
  ctx: DiffContext,
): void {
  const subject = `Entity ${quote(before.label)}`;
  if (before.label !== after.label)
    out.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
  out.value('/pluralLabel', subject, 'plural label', before.pluralLabel, after.pluralLabel);
  out.value(
    '/titleField',
    subject,
    'title field',
    fieldLabel(before, before.titleField),
    fieldLabel(after, after.titleField),
  );
  out.text('/description', subject, 'description', before.description, after.description);

  const fields = matchList(before.fields, after.fields, (f) => f.key);
  for (const { item, index } of fields.added) {
    out.add(`/fields/${index}`, 'added', `Field ${quote(item.label)} added`);
  }
  for (const { item, index } of fields.removed) {
    out.add(`/fields/${index}`, 'removed', `Field ${quote(item.label)} removed`, 'destructive');
  }
  for (const pair of fields.kept) {
    diffField(out, `/fields/${pair.afterIndex}`, pair.before, pair.after, ctx);
  }
  if (fields.reordered) out.add('/fields', 'changed', `${subject}: field order changed`);

  const groups = matchList(before.fieldGroups, after.fieldGroups, (g) => g.key);
  for (const { item, index } of groups.added) {
    out.add(`/fieldGroups/${index}`, 'added', `Field group ${quote(item.label)} added`);
  }
  for (const { item, index } of groups.removed) {
    out.add(`/fieldGroups/${index}`, 'removed', `Field group ${quote(item.label)} removed`);
  }
  for (const pair of groups.kept) {
    diffFieldGroup(out, `/fieldGroups/${pair.afterIndex}`, pair.before, pair.after, before, after, ctx);
  }
}

function fieldLabel(entity: EntityDefinition, fieldKey: string | undefined): string | undefined {
  if (fieldKey === undefined) return undefined;
  return entity.fields.find((f) => f.key === fieldKey)?.label ?? fieldKey;
}

function diffField(
  out: ChangeCollector,
  path: string,
  before: FieldDefinition,
  after: FieldDefinition,
  ctx: DiffContext,
): void {
  const subject = `Field ${quote(before.label)}`;
  if (before.label !== after.label)
    out.add(`${path}/label`, 'changed', `${subject} renamed to ${quote(after.label)}`);
  if (before.type !== after.type) {
    const message = `${subject}: type ${fieldTypeLabel[before.type]} → ${fieldTypeLabel[after.type]}`;
    out.add(`${path}/type`, 'changed', message, 'destructive');
  }
  if (before.type === 'reference' && after.type === 'reference' && before.entity !== after.entity) {
    const from = findByKey(ctx.entities, before.entity)?.label ?? before.entity;
    const to = findByKey(ctx.entities, after.entity)?.label ?? after.entity;
    out.add(
      `${path}/entity`,
      'changed',
      `${subject}: refers to ${quote(from)} → ${quote(to)}`,
      'destructive',
    );
  }
  out.flag(`${path}/required`, subject, 'required', before.required, after.required);
  out.flag(`${path}/unique`, subject, 'unique', before.unique, after.unique);
  out.flag(`${path}/indexed`, subject, 'indexed', before.indexed, after.indexed);
  out.flag(`${path}/readOnly`, subject, 'read-only', before.readOnly, after.readOnly);
  out.text(`${path}/helpText`, subject, 'help text', before.helpText, after.helpText);
  const oldProps: Record<string, unknown> = { ...before };
  const newProps: Record<string, unknown> = { ...after };
  for (const [prop, noun] of constraintNouns) {
    out.value(`${path}/${prop}`, subject, noun, oldProps[prop], newProps[prop]);
  }
  if (!isDeepEqual(before.derive, after.derive)) {
    const verb = before.derive === undefined ? 'added' : after.derive === undefined ? 'removed' : 'changed';
    out.add(`${path}/derive`, 'changed', `${subject}: derivation ${verb}`);
  }
  const oldOptions = 'options' in before ? before.options : undefined;
  const newOptions = 'options' in after ? after.options : undefined;
  if (oldOptions !== undefined && newOptions !== undefined) {
    diffOptions(out, `${path}/options`, subject, oldOptions, newOptions);
  }
}

function diffOptions(
  out: ChangeCollector,
  path: string,
  subject: string,
  before: readonly EnumOption[],
  after: readonly EnumOption[],
): void {
  const options = matchList(before, after, (o) => o.value);
  for (const { item, index } of options.added) {
    out.add(`${path}/${index}`, 'added', `${subject}: option ${quote(item.label)} added`);
  }
  for (const { item, index } of options.removed) {
    out.add(`${path}/${index}`, 'removed', `${subject}: option ${quote(item.label)} removed`);
  }
  for (const { before: b, after: a, afterIndex } of options.kept) {
    const optionPath = `${path}/${afterIndex}`;
    if (b.label !== a.label) {
      out.add(
        `${optionPath}/label`,
        'changed',
        `${subject}: option ${quote(b.label)} renamed to ${quote(a.label)}`,
      );
    }
    out.value(
      `${optionPath}/color`,
      `${subject}: option ${quote(a.label)}`,
      'colour',
      b.color,
      a.color,
      String,
    );
  }
  if (options.reordered) out.add(path, 'changed', `${subject}: options reordered`);
}

function diffFieldGroup(
  out: ChangeCollector,
  path: string,
  before: FieldGroup,
  after: FieldGroup,
  oldEntity: EntityDefinition,
  newEntity: EntityDefinition,
  ctx: DiffContext,
): void {
  const subject = `Field group ${quote(before.label)}`;
  if (before.label !== after.label)
    out.add(`${path}/label`, 'changed', `${subject} renamed to ${quote(after.label)}`);
  if (!isDeepEqual(before.when, after.when)) {
    const from = describeCondition(before.when, oldEntity.key, ctx);
    const to = describeCondition(after.when, newEntity.key, ctx);
    out.add(`${path}/when`, 'changed', `${subject}: applies when ${from} → ${to}`);
  }
  const members = matchList(before.fields, after.fields, (k) => k);
  for (const { item, index } of members.added) {
    out.add(
      `${path}/fields/${index}`,
      'added',
      `${subject}: field ${quote(fieldLabel(newEntity, item) ?? item)} added`,
    );
  }
  for (const { item, index } of members.removed) {
    out.add(
      `${path}/fields/${index}`,
      'removed',
      `${subject}: field ${quote(fieldLabel(oldEntity, item) ?? item)} removed`,
    );
  }
}
