import type {
  ApprovalLevel,
  ApprovalNode,
  ChecklistItem,
  ProcessNode,
  WaitSpec,
} from '../generated/process.generated';
import type { DiffContext } from './diff.types';
import { describeRecipient, describeTemplate, diffActions, diffTimers } from './action-diff';
import type { ChangeCollector } from './diff-collector';
import { matchList } from './diff-collector';
import { describeCondition, fieldPathLabel, isDeepEqual, quote } from './diff-format';
import { nodeNoun } from './process-labels';

/** Compares two versions of one process node (same id). */
export function diffNode(
  out: ChangeCollector,
  path: string,
  before: ProcessNode,
  after: ProcessNode,
  entityKey: string,
  ctx: DiffContext,
): void {
  const subject = `${nodeNoun(before)} ${quote(before.label)}`;
  if (before.type !== after.type) {
    out.add(`${path}/type`, 'changed', `${subject} is now a ${nodeNoun(after).toLowerCase()} step`);
    return;
  }
  if (before.label !== after.label)
    out.add(`${path}/label`, 'changed', `${subject} renamed to ${quote(after.label)}`);
  out.text(`${path}/description`, subject, 'description', before.description, after.description);
  if (!isDeepEqual(before.position, after.position))
    out.add(`${path}/position`, 'changed', `${subject}: moved on the canvas`);
  const d: NodeDiff = { out, path, subject, entityKey, ctx };
  diffNodeBody(d, before, after);
}

interface NodeDiff {
  out: ChangeCollector;
  path: string;
  subject: string;
  entityKey: string;
  ctx: DiffContext;
}

function diffNodeBody(d: NodeDiff, before: ProcessNode, after: ProcessNode): void {
  const { out, path, subject, entityKey, ctx } = d;
  switch (before.type) {
    case 'start':
    case 'decision':
    case 'parallelSplit':
    case 'parallelJoin':
      return;
    case 'stage': {
      if (after.type !== 'stage') return;
      out.value(
        `${path}/probability`,
        subject,
        'probability',
        pct(before.probability),
        pct(after.probability),
        String,
      );
      out.text(`${path}/guidance`, subject, 'guidance', before.guidance, after.guidance);
      diffChecklist(d, before.checklist, after.checklist);
      diffRequiredFields(d, before.requiredFields, after.requiredFields);
      diffActions(
        out,
        `${path}/onEnter`,
        `${subject}: on entry`,
        before.onEnter,
        after.onEnter,
        entityKey,
        ctx,
      );
      diffTimers(out, `${path}/timers`, subject, before.timers, after.timers, entityKey, ctx);
      return;
    }
    case 'end': {
      if (after.type !== 'end') return;
      out.value(`${path}/outcome`, subject, 'outcome', before.outcome, after.outcome, String);
      diffRequiredFields(d, before.requiredFields, after.requiredFields);
      diffActions(
        out,
        `${path}/onEnter`,
        `${subject}: on entry`,
        before.onEnter,
        after.onEnter,
        entityKey,
        ctx,
      );
      diffTimers(out, `${path}/timers`, subject, before.timers, after.timers, entityKey, ctx);
      return;
    }
    case 'approval':
      if (after.type === 'approval') diffApproval(d, before, after);
      return;
    case 'userTask':
    case 'createTask': {
      if (after.type !== 'userTask' && after.type !== 'createTask') return;
      out.value(`${path}/title`, subject, 'title', before.title, after.title);
      const who = (a: typeof before.assignee): string => describeRecipient(a, entityKey, ctx);
      out.value(`${path}/assignee`, subject, 'assignee', who(before.assignee), who(after.assignee), String);
      out.value(`${path}/due`, subject, 'due after', before.due, after.due, String);
      out.flag(
        `${path}/businessTime`,
        subject,
        'due in business time',
        before.businessTime,
        after.businessTime,
      );
      return;
    }
    case 'wait':
      if (after.type === 'wait')
        out.value(
          `${path}/wait`,
          subject,
          'waits',
          waitText(before.wait, d),
          waitText(after.wait, d),
          String,
        );
      return;
    case 'sendMail': {
      if (after.type !== 'sendMail') return;
      const tpl = (t: typeof before.template): string => describeTemplate(t, entityKey, ctx);
      out.value(`${path}/template`, subject, 'template', tpl(before.template), tpl(after.template), String);
      const to = (r: typeof before.to): string => describeRecipient(r, entityKey, ctx);
      out.value(`${path}/to`, subject, 'recipient', to(before.to), to(after.to), String);
      return;
    }
    case 'updateRecord': {
      if (after.type !== 'updateRecord') return;
      out.value(
        `${path}/target`,
        subject,
        'updates',
        before.target ?? 'the record',
        after.target ?? 'the record',
        String,
      );
      out.value(`${path}/set`, subject, 'values', before.set, after.set);
      return;
    }
    default:
      throw new Error(`Unknown node type: ${JSON.stringify(before satisfies never)}`);
  }
}

function pct(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${value} %`;
}

function diffChecklist(
  d: NodeDiff,
  before: readonly ChecklistItem[] | undefined,
  after: readonly ChecklistItem[] | undefined,
): void {
  const items = matchList(before, after, (i) => i.id);
  const base = `${d.path}/checklist`;
  for (const { item, index } of items.added) {
    d.out.add(`${base}/${index}`, 'added', `${d.subject}: checklist item ${quote(item.label)} added`);
  }
  for (const { item, index } of items.removed) {
    d.out.add(`${base}/${index}`, 'removed', `${d.subject}: checklist item ${quote(item.label)} removed`);
  }
  for (const { before: b, after: a, afterIndex } of items.kept) {
    const itemSubject = `${d.subject}: checklist item ${quote(b.label)}`;
    if (b.label !== a.label)
      d.out.add(`${base}/${afterIndex}/label`, 'changed', `${itemSubject} renamed to ${quote(a.label)}`);
    d.out.flag(`${base}/${afterIndex}/required`, itemSubject, 'required', b.required, a.required);
  }
}

/** Reports required fields added or removed, e.g. `Stage “Proposal”: required field “Budget” added`. */
export function diffRequiredFields(
  d: Pick<NodeDiff, 'out' | 'path' | 'subject' | 'entityKey' | 'ctx'>,
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
): void {
  const fields = matchList(before, after, (f) => f);
  const name = (field: string): string => quote(fieldPathLabel(field, d.entityKey, d.ctx));
  for (const { item, index } of fields.added) {
    d.out.add(
      `${d.path}/requiredFields/${index}`,
      'added',
      `${d.subject}: required field ${name(item)} added`,
    );
  }
  for (const { item, index } of fields.removed) {
    d.out.add(
      `${d.path}/requiredFields/${index}`,
      'removed',
      `${d.subject}: required field ${name(item)} removed`,
    );
  }
}

function diffApproval(d: NodeDiff, before: ApprovalNode, after: ApprovalNode): void {
  const { out, path, subject, entityKey, ctx } = d;
  const cond = (c: ApprovalNode['condition']): string | undefined =>
    c === undefined ? undefined : describeCondition(c, entityKey, ctx);
  out.value(
    `${path}/condition`,
    subject,
    'needed when',
    cond(before.condition),
    cond(after.condition),
    String,
  );
  out.flag(
    `${path}/allowDelegation`,
    subject,
    'allows delegation',
    before.allowDelegation,
    after.allowDelegation,
  );
  out.flag(
    `${path}/requireCommentOnReject`,
    subject,
    'requires a comment on rejection',
    before.requireCommentOnReject,
    after.requireCommentOnReject,
  );
  const levels = matchList(before.levels, after.levels, (l) => l.id);
  for (const { item, index } of levels.added) {
    out.add(`${path}/levels/${index}`, 'added', `${subject}: level ${quote(item.label)} added`);
  }
  for (const { item, index } of levels.removed) {
    out.add(`${path}/levels/${index}`, 'removed', `${subject}: level ${quote(item.label)} removed`);
  }
  for (const { before: b, after: a, afterIndex } of levels.kept) {
    diffLevel(d, `${path}/levels/${afterIndex}`, `${subject}: level ${quote(b.label)}`, b, a);
  }
  if (levels.reordered) out.add(`${path}/levels`, 'changed', `${subject}: level order changed`);
}

function diffLevel(
  d: NodeDiff,
  path: string,
  subject: string,
  before: ApprovalLevel,
  after: ApprovalLevel,
): void {
  const { out, entityKey, ctx } = d;
  if (before.label !== after.label)
    out.add(`${path}/label`, 'changed', `${subject} renamed to ${quote(after.label)}`);
  const who = (a: ApprovalLevel['approver']): string => describeRecipient(a, entityKey, ctx);
  out.value(`${path}/approver`, subject, 'approver', who(before.approver), who(after.approver), String);
  const cond = (c: ApprovalLevel['condition']): string | undefined =>
    c === undefined ? undefined : describeCondition(c, entityKey, ctx);
  out.value(
    `${path}/condition`,
    subject,
    'needed when',
    cond(before.condition),
    cond(after.condition),
    String,
  );
  out.value(`${path}/deadline`, subject, 'deadline', before.deadline, after.deadline, String);
  out.value(
    `${path}/reminderAfter`,
    subject,
    'reminder after',
    before.reminderAfter,
    after.reminderAfter,
    String,
  );
  out.flag(
    `${path}/businessTime`,
    subject,
    'counted in business time',
    before.businessTime,
    after.businessTime,
  );
  const esc = (e: ApprovalLevel['escalation']): string | undefined =>
    e === undefined ? undefined : describeRecipient(e.to, entityKey, ctx);
  out.value(
    `${path}/escalation`,
    subject,
    'escalates to',
    esc(before.escalation),
    esc(after.escalation),
    String,
  );
}

function waitText(wait: WaitSpec, d: NodeDiff): string {
  switch (wait.type) {
    case 'duration':
      return `for ${wait.duration}${wait.businessTime ? ' (business time)' : ''}`;
    case 'untilDate': {
      const field = fieldPathLabel(wait.field, d.entityKey, d.ctx);
      return `until ${field}${wait.offset === undefined ? '' : ` ${wait.offset}`}`;
    }
    case 'condition': {
      const cond = describeCondition(wait.condition, d.entityKey, d.ctx);
      return `until ${cond}${wait.timeout === undefined ? '' : ` (timeout ${wait.timeout})`}`;
    }
    default:
      throw new Error(`Unknown wait: ${JSON.stringify(wait satisfies never)}`);
  }
}
