import { isRecord, pointerSegments } from '../shared/json-pointer';

const containerWords: Record<string, string> = {
  entities: 'Entity',
  forms: 'Form',
  processes: 'Process',
  mailTemplates: 'Mail template',
  roles: 'Role',
  calendars: 'Calendar',
  fields: 'Field',
  fieldGroups: 'Field group',
  options: 'Option',
  edges: 'Transition',
  sections: 'Section',
  levels: 'Approval level',
  timers: 'Timer',
  checklist: 'Checklist item',
  cases: 'Case',
};

const nodeWords: Record<string, string> = {
  start: 'Start',
  stage: 'Stage',
  decision: 'Decision',
  parallelSplit: 'Parallel split',
  parallelJoin: 'Parallel join',
  approval: 'Approval',
  userTask: 'User task',
  wait: 'Wait',
  sendMail: 'Send mail step',
  updateRecord: 'Update record step',
  createTask: 'Create task step',
  end: 'End',
};

/** “Stage “Proposal”” for a process node, in messages. */
export function nodeWord(type: string): string {
  return nodeWords[type] ?? 'Node';
}

function nameOf(container: string, value: Record<string, unknown>): string | undefined {
  const name = [value.label, value.key, value.id].find((v) => typeof v === 'string' && v !== '');
  if (typeof name !== 'string') return undefined;
  const word =
    container === 'nodes' && typeof value.type === 'string'
      ? nodeWord(value.type)
      : containerWords[container];
  return word ? `${word} “${name}”` : `“${name}”`;
}

/**
 * Describes where a JSON pointer leads in words: the nearest named element (a stage, a field,
 * a transition…) and the property path below it, e.g. `Stage “Proposal”: “timers[0].after”`.
 */
export function describeLocation(root: unknown, pointer: string, rootName: string): string {
  let subject = rootName;
  let trail: string[] = [];
  let current: unknown = root;
  let container = '';
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      current = current[Number(segment)];
      const named = isRecord(current) ? nameOf(container, current) : undefined;
      if (named) {
        subject = named;
        trail = [];
      } else {
        trail.push(`[${Number(segment) + 1}]`);
      }
    } else if (isRecord(current)) {
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
      container = segment;
      trail.push(trail.length === 0 ? segment : `.${segment}`);
    } else {
      trail.push(`.${segment}`);
    }
  }
  const text = trail.join('').replace(/^\./, '');
  return text === '' ? subject : `${subject}: “${text}”`;
}
