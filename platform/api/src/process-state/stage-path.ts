import type { EndNode, ProcessDefinition, ProcessNode, StageNode } from '@crm/definitions';
import type { HoldingNode } from './holding-node';

/** The pipeline as people read it: its stages in order, where it ends, and where each stage may close. */
export interface StagePath {
  /** The stages of the longest forward path from the start to the main end, in order. */
  stages: StageNode[];
  /** The end the path leads to: a "won" end when the process has one reachable. */
  end: EndNode | undefined;
  /** For each stage id: the end nodes a record can go to from it directly (through non-holding nodes). */
  exits: ReadonlyMap<string, EndNode[]>;
}

const isHolding = (node: ProcessNode): node is HoldingNode => node.type === 'stage' || node.type === 'end';

/**
 * Derives the stage order from the graph alone. Decisions, approvals, waits and actions pass the
 * record on, so the graph is first collapsed to "holding node → next holding nodes". Without its
 * loops that graph is acyclic, and its longest path from the start to a won end is the pipeline.
 */
export function stagePath(definition: ProcessDefinition): StagePath {
  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  const targets = new Map<string, string[]>();
  for (const edge of definition.edges)
    targets.set(edge.source, [...(targets.get(edge.source) ?? []), edge.target]);

  const next = (fromId: string): HoldingNode[] => {
    const found = new Map<string, HoldingNode>();
    const seen = new Set<string>();
    const walk = (id: string): void => {
      for (const targetId of targets.get(id) ?? []) {
        const target = byId.get(targetId);
        if (target === undefined) continue;
        if (isHolding(target)) found.set(target.id, target);
        else if (!seen.has(target.id)) {
          seen.add(target.id);
          walk(target.id);
        }
      }
    };
    walk(fromId);
    return [...found.values()];
  };

  const start = definition.nodes.find((node) => node.type === 'start');
  if (start === undefined) return { stages: [], end: undefined, exits: new Map() };

  // Depth-first over the collapsed graph: an edge back to a node still being walked closes a
  // loop ("back to needs analysis"); the other edges are forward and form a DAG whose reverse
  // post-order is topological.
  const successors = new Map<string, HoldingNode[]>();
  const onStack = new Set<string>();
  const done = new Set<string>();
  const loops = new Set<string>();
  const postOrder: string[] = [];
  const visit = (id: string): void => {
    onStack.add(id);
    const following = next(id);
    successors.set(id, following);
    for (const node of following) {
      if (onStack.has(node.id)) loops.add(`${id}>${node.id}`);
      else if (!done.has(node.id)) visit(node.id);
    }
    onStack.delete(id);
    done.add(id);
    postOrder.push(id);
  };
  visit(start.id);
  const order = postOrder.reverse();

  // Longest path (counted in stages) over the forward edges.
  const best = new Map<string, { length: number; previous: string | undefined }>([
    [start.id, { length: 0, previous: undefined }],
  ]);
  for (const id of order) {
    const here = best.get(id);
    if (here === undefined) continue;
    for (const node of successors.get(id) ?? []) {
      if (loops.has(`${id}>${node.id}`)) continue;
      const length = here.length + (node.type === 'stage' ? 1 : 0);
      const current = best.get(node.id);
      if (current === undefined || length > current.length) best.set(node.id, { length, previous: id });
    }
  }

  const reachedEnds = order.map((id) => byId.get(id)).filter((node): node is EndNode => node?.type === 'end');
  const longest = (nodes: ProcessNode[]) =>
    nodes.reduce<ProcessNode | undefined>(
      (chosen, node) =>
        chosen === undefined || (best.get(node.id)?.length ?? 0) > (best.get(chosen.id)?.length ?? 0)
          ? node
          : chosen,
      undefined,
    );
  const won = reachedEnds.filter((node) => node.outcome === 'won');
  const stagesReached = order.map((id) => byId.get(id)).filter((node) => node?.type === 'stage');
  const last = longest(won) ?? longest(reachedEnds) ?? longest(stagesReached as ProcessNode[]);

  const path: ProcessNode[] = [];
  for (let id = last?.id; id !== undefined && id !== start.id; id = best.get(id)?.previous) {
    const node = byId.get(id);
    if (node !== undefined) path.unshift(node);
  }
  const stages = path.filter((node): node is StageNode => node.type === 'stage');
  const exits = new Map(
    stages.map((stage) => [
      stage.id,
      (successors.get(stage.id) ?? []).filter((node): node is EndNode => node.type === 'end'),
    ]),
  );
  return { stages, end: last?.type === 'end' ? last : undefined, exits };
}
