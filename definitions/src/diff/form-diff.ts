import type { FormDefinition, FormField, FormRule, FormSection } from '../generated/form.generated';
import type { DefinitionChange, DiffContext } from './diff.types';
import { ChangeCollector, matchByValue, matchList } from './diff-collector';
import { describeCondition, fieldPathLabel, quote } from './diff-format';
import { stageLabel } from './process-labels';

/** Compares two versions of a form (either may be missing: the form was added or removed). */
export function diffForm(
  before: FormDefinition | undefined,
  after: FormDefinition | undefined,
  context: DiffContext = {},
): DefinitionChange[] {
  const out = new ChangeCollector('form', after?.key ?? before?.key ?? '');
  if (before === undefined && after !== undefined) out.add('', 'added', `Form ${quote(after.label)} added`);
  else if (before !== undefined && after === undefined)
    out.add('', 'removed', `Form ${quote(before.label)} removed`);
  else if (before !== undefined && after !== undefined) diffFormProperties(out, before, after, context);
  return out.changes;
}

function diffFormProperties(
  out: ChangeCollector,
  before: FormDefinition,
  after: FormDefinition,
  ctx: DiffContext,
): void {
  const subject = `Form ${quote(before.label)}`;
  if (before.label !== after.label)
    out.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
  out.value('/entity', subject, 'entity', before.entity, after.entity);
  out.text('/description', subject, 'description', before.description, after.description);
  const sections = matchList(before.sections, after.sections, (s) => s.id);
  for (const { item, index } of sections.added) {
    out.add(`/sections/${index}`, 'added', `Section ${quote(item.label)} added`);
  }
  for (const { item, index } of sections.removed) {
    out.add(`/sections/${index}`, 'removed', `Section ${quote(item.label)} removed`);
  }
  for (const pair of sections.kept) {
    diffSection(out, `/sections/${pair.afterIndex}`, pair.before, pair.after, after.entity, ctx);
  }
  if (sections.reordered) out.add('/sections', 'changed', `${subject}: section order changed`);
}

function diffSection(
  out: ChangeCollector,
  path: string,
  before: FormSection,
  after: FormSection,
  entityKey: string,
  ctx: DiffContext,
): void {
  const subject = `Section ${quote(before.label)}`;
  if (before.label !== after.label)
    out.add(`${path}/label`, 'changed', `${subject} renamed to ${quote(after.label)}`);
  out.value(`${path}/tab`, subject, 'tab', before.tab, after.tab);
  out.value(`${path}/columns`, subject, 'columns', before.columns ?? 1, after.columns ?? 1);
  out.text(`${path}/description`, subject, 'description', before.description, after.description);
  const name = (field: string): string => quote(fieldPathLabel(field, entityKey, ctx));
  const fields = matchList(before.fields, after.fields, (f) => f.field);
  for (const { item, index } of fields.added) {
    out.add(`${path}/fields/${index}`, 'added', `${subject}: field ${name(item.field)} added`);
  }
  for (const { item, index } of fields.removed) {
    out.add(`${path}/fields/${index}`, 'removed', `${subject}: field ${name(item.field)} removed`);
  }
  for (const { before: b, after: a, afterIndex } of fields.kept) {
    diffPlacedField(
      out,
      `${path}/fields/${afterIndex}`,
      `${subject}: field ${name(a.field)}`,
      b,
      a,
      entityKey,
      ctx,
    );
  }
  if (fields.reordered) out.add(`${path}/fields`, 'changed', `${subject}: field order changed`);
  diffRules(out, `${path}/rules`, subject, before.rules, after.rules, entityKey, ctx);
}

function diffPlacedField(
  out: ChangeCollector,
  path: string,
  subject: string,
  before: FormField,
  after: FormField,
  entityKey: string,
  ctx: DiffContext,
): void {
  out.value(`${path}/span`, subject, 'width', before.span ?? 1, after.span ?? 1);
  out.value(`${path}/label`, subject, 'label', before.label, after.label);
  out.text(`${path}/helpText`, subject, 'help text', before.helpText, after.helpText);
  diffRules(out, `${path}/rules`, subject, before.rules, after.rules, entityKey, ctx);
}

function diffRules(
  out: ChangeCollector,
  path: string,
  subject: string,
  before: readonly FormRule[] | undefined,
  after: readonly FormRule[] | undefined,
  entityKey: string,
  ctx: DiffContext,
): void {
  const rules = matchByValue(before, after);
  for (const { item, index } of rules.added) {
    out.add(`${path}/${index}`, 'added', `${subject}: rule added: ${describeRule(item, entityKey, ctx)}`);
  }
  for (const { item, index } of rules.removed) {
    out.add(`${path}/${index}`, 'removed', `${subject}: rule removed: ${describeRule(item, entityKey, ctx)}`);
  }
}

/** Renders a rule as e.g. `require in Needs analysis` or `show when Segment = distributor`. */
export function describeRule(rule: FormRule, entityKey: string, ctx: DiffContext): string {
  const parts: string[] = [rule.effect];
  if (rule.stages !== undefined) {
    parts.push(`in ${rule.stages.map((id) => stageLabel(id, entityKey, ctx)).join(', ')}`);
  }
  if (rule.when !== undefined) parts.push(`when ${describeCondition(rule.when, entityKey, ctx)}`);
  return parts.join(' ');
}
