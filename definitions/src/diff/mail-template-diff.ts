import type { MailTemplateDefinition, TemplateGate } from '../generated/mail-template.generated';
import type { DefinitionChange, DiffContext } from './diff.types';
import { ChangeCollector } from './diff-collector';
import { describeCondition, isDeepEqual, quote } from './diff-format';
import { stageLabel } from './process-labels';

/** Compares two versions of a mail template (either may be missing: it was added or removed). */
export function diffMailTemplate(
  before: MailTemplateDefinition | undefined,
  after: MailTemplateDefinition | undefined,
  context: DiffContext = {},
): DefinitionChange[] {
  const out = new ChangeCollector('mailTemplate', after?.key ?? before?.key ?? '');
  if (before === undefined && after !== undefined)
    out.add('', 'added', `Mail template ${quote(after.label)} added`);
  else if (before !== undefined && after === undefined) {
    out.add('', 'removed', `Mail template ${quote(before.label)} removed`);
  } else if (before !== undefined && after !== undefined) {
    const subject = `Mail template ${quote(before.label)}`;
    if (before.label !== after.label)
      out.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
    out.value('/entity', subject, 'entity', before.entity, after.entity);
    out.value('/category', subject, 'category', before.category, after.category);
    out.value('/format', subject, 'format', before.format, after.format, String);
    out.value('/subject', subject, 'subject', before.subject, after.subject);
    out.text('/body', subject, 'body', before.body, after.body);
    out.text('/description', subject, 'description', before.description, after.description);
    diffGate(out, subject, before.gate, after.gate, after.entity, context);
  }
  return out.changes;
}

function diffGate(
  out: ChangeCollector,
  subject: string,
  before: TemplateGate | undefined,
  after: TemplateGate | undefined,
  entityKey: string,
  ctx: DiffContext,
): void {
  if (isDeepEqual(before, after)) return;
  if (before === undefined) {
    out.add('/gate', 'added', `${subject}: now locked until its conditions hold`);
    return;
  }
  if (after === undefined) {
    out.add('/gate', 'removed', `${subject}: no longer locked`);
    return;
  }
  const stages = (gate: TemplateGate): string | undefined =>
    gate.stages?.map((id) => stageLabel(id, entityKey, ctx)).join(', ');
  out.value('/gate/stages', subject, 'allowed in stages', stages(before), stages(after), (v) =>
    String(v ?? 'any'),
  );
  const cond = (gate: TemplateGate): string | undefined =>
    gate.condition === undefined ? undefined : describeCondition(gate.condition, entityKey, ctx);
  out.value('/gate/condition', subject, 'unlocked when', cond(before), cond(after), String);
  out.text('/gate/message', subject, 'locked message', before.message, after.message);
}
