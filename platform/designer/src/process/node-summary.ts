// The key settings a node shows on the canvas, in words (approver, wait, template, probability…).
import type { Assignee, EndNode, ProcessNode, Recipient, StageNode, TemplateChoice } from '@crm/definitions';

export function describeAssignee(a: Assignee | Recipient): string {
  switch (a.type) {
    case 'owner':
      return 'Record owner';
    case 'ownerManager':
      return "Owner's manager";
    case 'role':
      return `Role: ${a.role}`;
    case 'user':
      return `User ${a.userId.slice(0, 8)}`;
    case 'field':
      return `Address in ${a.field}`;
    case 'address':
      return a.address;
    default:
      throw new Error(`Unknown assignee: ${String((a as { type: unknown }).type)}`);
  }
}

export function describeTemplate(t: TemplateChoice): string {
  if (typeof t === 'string') return t || 'no template';
  return `${t.cases.length} template${t.cases.length > 1 ? 's' : ''} by condition`;
}

export function describeDuration(d: string | undefined, business?: boolean): string {
  if (!d) return '';
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(d);
  if (!m) return d;
  const parts: string[] = [];
  const units = ['week', 'day', 'hour', 'minute', 'second'];
  m.slice(1).forEach((v, i) => {
    if (v && Number(v) > 0)
      parts.push(`${v} ${business && i <= 1 ? 'working ' : ''}${units[i]}${Number(v) > 1 ? 's' : ''}`);
  });
  return parts.join(' ') || d;
}

/** What a stage or end does by itself: actions on entry and timers, counted. */
function automation(node: StageNode | EndNode): string[] {
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  return [
    node.onEnter?.length ? `${plural(node.onEnter.length, 'action')} on entry` : '',
    node.timers?.length ? plural(node.timers.length, 'timer') : '',
  ];
}

/** One or two short lines for the node body. */
export function nodeSummary(node: ProcessNode): string[] {
  switch (node.type) {
    case 'start':
    case 'decision':
    case 'parallelSplit':
    case 'parallelJoin':
      return node.description ? [node.description] : [];
    case 'stage': {
      const lines: string[] = [];
      if (node.probability !== undefined) lines.push(`${node.probability} % probability`);
      const extras = [
        node.checklist?.length ? `${node.checklist.length} checklist` : '',
        node.requiredFields?.length ? `${node.requiredFields.length} required` : '',
      ].filter(Boolean);
      if (extras.length) lines.push(extras.join(' · '));
      const automatic = automation(node).filter(Boolean);
      if (automatic.length) lines.push(automatic.join(' · '));
      return lines;
    }
    case 'approval':
      return [
        node.levels.map((l) => describeAssignee(l.approver)).join(' → '),
        ...(node.levels.some((l) => l.deadline)
          ? [`deadline ${describeDuration(node.levels.find((l) => l.deadline)?.deadline)}`]
          : []),
        ...(node.condition ? ['only when a condition holds'] : []),
      ];
    case 'userTask':
    case 'createTask':
      return [
        node.title,
        `${describeAssignee(node.assignee)}${node.due ? ` · due in ${describeDuration(node.due, node.businessTime)}` : ''}`,
      ];
    case 'wait':
      switch (node.wait.type) {
        case 'duration':
          return [`Wait ${describeDuration(node.wait.duration, node.wait.businessTime)}`];
        case 'untilDate':
          return [`Until ${node.wait.field}${node.wait.offset ? ` ${node.wait.offset}` : ''}`];
        case 'condition':
          return [
            'Until a condition holds',
            ...(node.wait.timeout
              ? [`timeout ${describeDuration(node.wait.timeout, node.wait.businessTime)}`]
              : []),
          ];
        default:
          throw new Error('Unknown wait');
      }
    case 'sendMail':
      return [describeTemplate(node.template), `to ${describeAssignee(node.to)}`];
    case 'updateRecord': {
      const keys = Object.keys(node.set);
      return [keys.length ? `Set ${keys.join(', ')}` : 'Sets nothing yet'];
    }
    case 'end': {
      const extras = automation(node).filter(Boolean);
      return [`Outcome: ${node.outcome}`, ...(extras.length ? [extras.join(' · ')] : [])];
    }
    default:
      throw new Error(`Unknown node kind: ${String((node as { type: unknown }).type)}`);
  }
}
