// What the record page and the kanban show of a process, derived from its definition alone: the
// stages in reading order, where the record stands, and the transitions out of its stage with
// what each still lacks. The process state route refines this when the engine answers; this is
// the fallback and the kanban's column order.
import {
  findField,
  isValueSet,
  type EndNode,
  type EntityDefinition,
  type ProcessDefinition,
  type ProcessEdge,
  type ProcessNode,
  type StageNode,
} from '@crm/definitions';

export type HoldingNode = StageNode | EndNode;

export const isHolding = (node: ProcessNode): node is HoldingNode =>
  node.type === 'stage' || node.type === 'end';

/** The holding nodes reached from `fromId`, passing through decisions, approvals, waits and actions. */
function holdingTargets(
  process: ProcessDefinition,
  edge: ProcessEdge,
  seen = new Set<string>(),
): HoldingNode[] {
  const node = process.nodes.find((n) => n.id === edge.target);
  if (!node || seen.has(node.id)) return [];
  if (isHolding(node)) return [node];
  seen.add(node.id);
  return process.edges.filter((e) => e.source === node.id).flatMap((e) => holdingTargets(process, e, seen));
}

/**
 * Stages in breadth-first order from the start (a loop back never moves a stage earlier), then the
 * end nodes, won before closed before lost: the order people read a pipeline in.
 */
export function orderedStages(process: ProcessDefinition): HoldingNode[] {
  const start = process.nodes.find((n) => n.type === 'start');
  if (!start) return process.nodes.filter(isHolding);
  const order: HoldingNode[] = [];
  const queue: string[] = [start.id];
  const seen = new Set<string>([start.id]);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const edge of process.edges.filter((e) => e.source === id))
      for (const target of holdingTargets(process, edge))
        if (!seen.has(target.id)) {
          seen.add(target.id);
          order.push(target);
          queue.push(target.id);
        }
  }
  const rank = { won: 0, closed: 1, lost: 2 } as const;
  const stages = order.filter((n): n is StageNode => n.type === 'stage');
  const ends = order
    .filter((n): n is EndNode => n.type === 'end')
    .sort((a, b) => rank[a.outcome ?? 'closed'] - rank[b.outcome ?? 'closed']);
  return [...stages, ...ends];
}

export type StepState = 'done' | 'current' | 'next';

/**
 * Each stage of the path with whether the record has passed it, holds it, or has it ahead. The path
 * ends in the end node the record reached, else in the main (won) end.
 */
export function stageSteps(
  process: ProcessDefinition,
  current: string | null,
): { node: HoldingNode; state: StepState }[] {
  const nodes = orderedStages(process);
  const stages = nodes.filter((n) => n.type === 'stage');
  const reachedEnd = nodes.find((n) => n.type === 'end' && n.id === current);
  const finalEnd = reachedEnd ?? nodes.find((n) => n.type === 'end');
  const path = finalEnd ? [...stages, finalEnd] : stages;
  const index = path.findIndex((n) => n.id === current);
  return path.map((node, at) => ({
    node,
    state: at === index ? 'current' : index >= 0 && at < index ? 'done' : 'next',
  }));
}

/** Reads a field path (`account.segment`) from the record and its loaded references. */
export function readPath(
  data: Record<string, unknown>,
  related: Record<string, Record<string, unknown>>,
  path: string,
): unknown {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return undefined;
  if (rest.length === 0) return data[head];
  const target = related[head];
  return target ? readPath(target, {}, rest.join('.')) : undefined;
}

export interface Requirement {
  field: string;
  message: string;
}

function labelOf(entities: readonly EntityDefinition[], entity: EntityDefinition, path: string): string {
  const [head, ...rest] = path.split('.');
  const field = head === undefined ? undefined : findField(entity, head);
  if (!field) return path;
  if (rest.length === 0 || field.type !== 'reference') return field.label;
  const target = entities.find((e) => e.key === field.entity);
  return target ? `${field.label} → ${labelOf(entities, target, rest.join('.'))}` : field.label;
}

/** The required fields among `paths` the record has not filled in yet. */
export function missingFields(
  paths: readonly string[],
  entities: readonly EntityDefinition[],
  entity: EntityDefinition,
  data: Record<string, unknown>,
  related: Record<string, Record<string, unknown>>,
): Requirement[] {
  return paths
    .filter((path) => !isValueSet(readPath(data, related, path)))
    .map((path) => ({
      field: path.split('.')[0] ?? path,
      message: `${labelOf(entities, entity, path)} is required.`,
    }));
}

export interface TransitionView {
  edgeId: string;
  target: string;
  label: string;
  allowed: boolean;
  missing: { field?: string; message: string }[];
}

/** The transitions a user may take out of `current`, with what each lacks (stage and edge requirements). */
export function transitionsFrom(
  process: ProcessDefinition,
  current: string | null,
  entities: readonly EntityDefinition[],
  entity: EntityDefinition,
  data: Record<string, unknown>,
  related: Record<string, Record<string, unknown>>,
): TransitionView[] {
  const node = process.nodes.find((n) => n.id === current);
  if (!node || node.type !== 'stage') return [];
  const leaving = missingFields(node.requiredFields ?? [], entities, entity, data, related);
  return process.edges
    .filter((edge) => edge.source === node.id)
    .map((edge) => {
      const target = process.nodes.find((n) => n.id === edge.target);
      const missing = [
        ...leaving,
        ...missingFields(edge.requiredFields ?? [], entities, entity, data, related),
      ];
      return {
        edgeId: edge.id,
        target: edge.target,
        label: edge.label ?? target?.label ?? edge.target,
        allowed: missing.length === 0,
        missing,
      };
    });
}

/** The process of an entity that the record page and the kanban follow (the first published one). */
export function processOf(
  processes: readonly ProcessDefinition[],
  entity: string,
): ProcessDefinition | undefined {
  return processes.find((p) => p.entity === entity);
}
