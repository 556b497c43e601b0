// The palette's catalogue: one entry per node kind of the definition language. It is data that
// drives the palette, the node components, the handles and the defaults of a freshly dropped node.
import type { ProcessEdge, ProcessNode } from '@crm/definitions';

export type NodeKind = ProcessNode['type'];
export type SourceHandleId = 'out' | NonNullable<ProcessEdge['sourceHandle']>;

export interface NodeKindInfo {
  kind: NodeKind;
  label: string;
  hint: string;
  /** CSS accent of the kind (a custom property name suffix). */
  tone: 'start' | 'stage' | 'logic' | 'approval' | 'task' | 'wait' | 'mail' | 'end';
}

export const NODE_KINDS: readonly NodeKindInfo[] = [
  { kind: 'start', label: 'Start', hint: 'Where the process begins', tone: 'start' },
  { kind: 'stage', label: 'Stage', hint: 'A step the record stays in', tone: 'stage' },
  { kind: 'decision', label: 'Decision', hint: 'Choose a branch by condition', tone: 'logic' },
  { kind: 'parallelSplit', label: 'Parallel split', hint: 'Run branches at the same time', tone: 'logic' },
  { kind: 'parallelJoin', label: 'Parallel join', hint: 'Wait for all branches', tone: 'logic' },
  { kind: 'approval', label: 'Approval', hint: 'Ask approvers, level by level', tone: 'approval' },
  { kind: 'userTask', label: 'User task', hint: 'Someone must complete a task', tone: 'task' },
  { kind: 'wait', label: 'Wait', hint: 'Wait for a time, a date or a condition', tone: 'wait' },
  { kind: 'sendMail', label: 'Send mail', hint: 'Send a templated mail', tone: 'mail' },
  { kind: 'updateRecord', label: 'Update record', hint: 'Set fields automatically', tone: 'task' },
  { kind: 'createTask', label: 'Create task', hint: 'Create a task and go on', tone: 'task' },
  { kind: 'end', label: 'End', hint: 'Won, lost or closed', tone: 'end' },
];

export function kindInfo(kind: NodeKind): NodeKindInfo {
  const info = NODE_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`Unknown node kind: ${String(kind)}`);
  return info;
}

export function isNodeKind(value: string): value is NodeKind {
  return NODE_KINDS.some((k) => k.kind === value);
}

/** The exits a node offers on the canvas, in drawing order. */
export function sourceHandles(node: ProcessNode): SourceHandleId[] {
  switch (node.type) {
    case 'end':
      return [];
    case 'approval':
      return ['approved', 'rejected'];
    case 'wait':
      return node.wait.type === 'condition' && node.wait.timeout ? ['out', 'timeout'] : ['out'];
    case 'start':
    case 'stage':
    case 'decision':
    case 'parallelSplit':
    case 'parallelJoin':
    case 'userTask':
    case 'sendMail':
    case 'updateRecord':
    case 'createTask':
      return ['out'];
    default:
      throw new Error(`Unknown node kind: ${String((node as { type: unknown }).type)}`);
  }
}

/** How many edges a handle may carry; undefined means any number. */
export function handleCapacity(kind: NodeKind, handle: SourceHandleId): number | undefined {
  switch (kind) {
    case 'stage':
    case 'decision':
    case 'parallelSplit':
      return undefined;
    case 'end':
      return 0;
    case 'start':
    case 'parallelJoin':
    case 'approval':
    case 'userTask':
    case 'wait':
    case 'sendMail':
    case 'updateRecord':
    case 'createTask':
      return handle === 'out' || kind === 'approval' || handle === 'timeout' ? 1 : 0;
    default:
      throw new Error(`Unknown node kind: ${String(kind)}`);
  }
}

/** A readable id not used yet: "stage", "stage_2", … */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z]+/, '') || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i += 1) if (!taken.has(`${clean}_${i}`)) return `${clean}_${i}`;
}

/** A new node of the kind, with the smallest settings that make sense. */
export function createNode(
  kind: NodeKind,
  id: string,
  position: { x: number; y: number },
  defaults: { template?: string } = {},
): ProcessNode {
  const label = kindInfo(kind).label;
  const base = { id, label, position };
  switch (kind) {
    case 'start':
      return { ...base, type: 'start' };
    case 'stage':
      return { ...base, type: 'stage', label: 'New stage' };
    case 'decision':
      return { ...base, type: 'decision' };
    case 'parallelSplit':
      return { ...base, type: 'parallelSplit' };
    case 'parallelJoin':
      return { ...base, type: 'parallelJoin' };
    case 'approval':
      return {
        ...base,
        type: 'approval',
        levels: [{ id: 'level_1', label: 'Manager', approver: { type: 'ownerManager' } }],
      };
    case 'userTask':
      return { ...base, type: 'userTask', title: 'Task', assignee: { type: 'owner' } };
    case 'wait':
      return { ...base, type: 'wait', wait: { type: 'duration', duration: 'P1D' } };
    case 'sendMail':
      return { ...base, type: 'sendMail', template: defaults.template ?? '', to: { type: 'owner' } };
    case 'updateRecord':
      return { ...base, type: 'updateRecord', set: {} };
    case 'createTask':
      return { ...base, type: 'createTask', title: 'Task', assignee: { type: 'owner' } };
    case 'end':
      return { ...base, type: 'end', label: 'Closed', outcome: 'closed' };
    default:
      throw new Error(`Unknown node kind: ${String(kind)}`);
  }
}
