import type { Action, Assignee, Recipient, TemplateChoice, Timer } from '../generated/common.generated';
import type { DiffContext } from './diff.types';
import type { ChangeCollector } from './diff-collector';
import { matchByValue, matchList } from './diff-collector';
import { describeCondition, fieldPathLabel, findByKey, formatValue, quote } from './diff-format';

/** Names an assignee or recipient for people, e.g. `the owner's manager` or `role “director”`. */
export function describeRecipient(
  recipient: Assignee | Recipient,
  entityKey: string,
  ctx: DiffContext,
): string {
  switch (recipient.type) {
    case 'owner':
      return 'the owner';
    case 'ownerManager':
      return "the owner's manager";
    case 'role':
      return `role ${quote(recipient.role)}`;
    case 'user':
      return `user ${recipient.userId}`;
    case 'field':
      return quote(fieldPathLabel(recipient.field, entityKey, ctx));
    case 'address':
      return recipient.address;
    default:
      throw new Error(`Unknown recipient: ${JSON.stringify(recipient satisfies never)}`);
  }
}

/** Names a template choice: one template's label, or the templates picked by case. */
export function describeTemplate(choice: TemplateChoice, entityKey: string, ctx: DiffContext): string {
  const name = (key: string): string => quote(findByKey(ctx.mailTemplates, key)?.label ?? key);
  if (typeof choice === 'string') return name(choice);
  const cases = choice.cases.map(
    (c) => `${name(c.template)} when ${describeCondition(c.when, entityKey, ctx)}`,
  );
  if (choice.otherwise !== undefined) cases.push(`otherwise ${name(choice.otherwise)}`);
  return cases.join('; ');
}

/** Renders an action as a short phrase, e.g. `send mail “Thank you” to “Contact › E-mail”`. */
export function describeAction(action: Action, entityKey: string, ctx: DiffContext): string {
  switch (action.type) {
    case 'sendMail':
      return `send mail ${describeTemplate(action.template, entityKey, ctx)} to ${describeRecipient(action.to, entityKey, ctx)}`;
    case 'createTask':
      return `create task ${quote(action.title)} for ${describeRecipient(action.assignee, entityKey, ctx)}`;
    case 'updateRecord': {
      const prefix = action.target === undefined ? '' : `${fieldPathLabel(action.target, entityKey, ctx)} › `;
      const sets = Object.entries(action.set).map(
        ([field, value]) => `${prefix}${fieldPathLabel(field, undefined, ctx)} = ${formatValue(value)}`,
      );
      return `set ${sets.join(', ')}`;
    }
    case 'notify':
      return `notify ${describeRecipient(action.to, entityKey, ctx)}`;
    default:
      throw new Error(`Unknown action: ${JSON.stringify(action satisfies never)}`);
  }
}

/** Reports the actions of a list that appeared or disappeared (actions have no ids). */
export function diffActions(
  out: ChangeCollector,
  path: string,
  subject: string,
  before: readonly Action[] | undefined,
  after: readonly Action[] | undefined,
  entityKey: string,
  ctx: DiffContext,
): void {
  const actions = matchByValue(before, after);
  for (const { item, index } of actions.added) {
    out.add(`${path}/${index}`, 'added', `${subject}, action added: ${describeAction(item, entityKey, ctx)}`);
  }
  for (const { item, index } of actions.removed) {
    out.add(
      `${path}/${index}`,
      'removed',
      `${subject}, action removed: ${describeAction(item, entityKey, ctx)}`,
    );
  }
}

function timerName(timer: Timer): string {
  return quote(timer.label ?? timer.id);
}

/** Compares the timers of a stage or end node, paired by id. */
export function diffTimers(
  out: ChangeCollector,
  path: string,
  subject: string,
  before: readonly Timer[] | undefined,
  after: readonly Timer[] | undefined,
  entityKey: string,
  ctx: DiffContext,
): void {
  const timers = matchList(before, after, (t) => t.id);
  for (const { item, index } of timers.added) {
    out.add(`${path}/${index}`, 'added', `${subject}: timer ${timerName(item)} (after ${item.after}) added`);
  }
  for (const { item, index } of timers.removed) {
    out.add(`${path}/${index}`, 'removed', `${subject}: timer ${timerName(item)} removed`);
  }
  for (const { before: b, after: a, afterIndex } of timers.kept) {
    const timerPath = `${path}/${afterIndex}`;
    const timerSubject = `${subject}: timer ${timerName(b)}`;
    if (b.label !== a.label)
      out.add(`${timerPath}/label`, 'changed', `${timerSubject} renamed to ${timerName(a)}`);
    out.value(`${timerPath}/after`, timerSubject, 'after', b.after, a.after, String);
    out.flag(
      `${timerPath}/businessTime`,
      timerSubject,
      'counted in business time',
      b.businessTime,
      a.businessTime,
    );
    out.value(
      `${timerPath}/basis`,
      timerSubject,
      'counted from',
      basisText(b.basis),
      basisText(a.basis),
      String,
    );
    out.value(
      `${timerPath}/unlessActivity`,
      timerSubject,
      'cancelled by activity',
      activityText(b.unlessActivity),
      activityText(a.unlessActivity),
      String,
    );
    diffActions(out, `${timerPath}/actions`, timerSubject, b.actions, a.actions, entityKey, ctx);
  }
}

function basisText(basis: Timer['basis']): string {
  return basis === 'entered' ? 'entry' : 'last activity';
}

/** Renders an activity match, e.g. `meeting with result needs_identified`. */
export function activityText(match: { type?: string; result?: string } | undefined): string | undefined {
  if (match === undefined) return undefined;
  const parts = [match.type ?? 'any activity'];
  if (match.result !== undefined) parts.push(`with result ${match.result}`);
  return parts.join(' ');
}
