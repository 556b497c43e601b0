// Every edit of a process is a command with execute and revert, so that undo and redo are exact.
// Commands are built from the definition they will apply to and capture what they replace.
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '@crm/definitions';
import type { ProcessMeta } from './flow-mapping';

export interface ProcessCommand {
  label: string;
  /** Set by a node rename, so that the selection can follow the node through undo and redo. */
  renamed?: { from: string; to: string };
  execute(definition: ProcessDefinition): ProcessDefinition;
  revert(definition: ProcessDefinition): ProcessDefinition;
}

function insertAt<T>(items: readonly T[], entries: readonly { index: number; item: T }[]): T[] {
  const result = [...items];
  for (const { index, item } of [...entries].sort((a, b) => a.index - b.index))
    result.splice(Math.min(index, result.length), 0, item);
  return result;
}

export function addElements(
  nodes: readonly ProcessNode[],
  edges: readonly ProcessEdge[] = [],
  label = 'Add',
): ProcessCommand {
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edgeIds = new Set(edges.map((e) => e.id));
  return {
    label,
    execute: (d) => ({ ...d, nodes: [...d.nodes, ...nodes], edges: [...d.edges, ...edges] }),
    revert: (d) => ({
      ...d,
      nodes: d.nodes.filter((n) => !nodeIds.has(n.id)),
      edges: d.edges.filter((e) => !edgeIds.has(e.id)),
    }),
  };
}

/** Removes nodes (with the edges touching them) and edges; revert puts them back where they were. */
export function removeElements(
  definition: ProcessDefinition,
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): ProcessCommand {
  const goneNodes = new Set(nodeIds);
  const removedNodes = definition.nodes.flatMap((item, index) =>
    goneNodes.has(item.id) ? [{ index, item }] : [],
  );
  const removedEdges = definition.edges.flatMap((item, index) =>
    edgeIds.includes(item.id) || goneNodes.has(item.source) || goneNodes.has(item.target)
      ? [{ index, item }]
      : [],
  );
  const nodeSet = new Set(removedNodes.map((r) => r.item.id));
  const edgeSet = new Set(removedEdges.map((r) => r.item.id));
  return {
    label: 'Delete',
    execute: (d) => ({
      ...d,
      nodes: d.nodes.filter((n) => !nodeSet.has(n.id)),
      edges: d.edges.filter((e) => !edgeSet.has(e.id)),
    }),
    revert: (d) => ({ ...d, nodes: insertAt(d.nodes, removedNodes), edges: insertAt(d.edges, removedEdges) }),
  };
}

export interface NodeMove {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export function moveNodes(moves: readonly NodeMove[], label = 'Move'): ProcessCommand {
  const place = (d: ProcessDefinition, pick: (m: NodeMove) => { x: number; y: number }) => {
    const byId = new Map(moves.map((m) => [m.id, pick(m)]));
    return {
      ...d,
      nodes: d.nodes.map((n) => {
        const position = byId.get(n.id);
        return position ? { ...n, position: { x: position.x, y: position.y } } : n;
      }),
    };
  };
  return { label, execute: (d) => place(d, (m) => m.to), revert: (d) => place(d, (m) => m.from) };
}

/** Replaces a node's settings (its id stays). */
export function updateNode(before: ProcessNode, after: ProcessNode): ProcessCommand {
  const swap = (d: ProcessDefinition, next: ProcessNode) => ({
    ...d,
    nodes: d.nodes.map((n) => (n.id === before.id ? next : n)),
  });
  return { label: `Edit ${before.label}`, execute: (d) => swap(d, after), revert: (d) => swap(d, before) };
}

export function updateEdge(before: ProcessEdge, after: ProcessEdge): ProcessCommand {
  const swap = (d: ProcessDefinition, next: ProcessEdge) => ({
    ...d,
    edges: d.edges.map((e) => (e.id === before.id ? next : e)),
  });
  return { label: 'Edit transition', execute: (d) => swap(d, after), revert: (d) => swap(d, before) };
}

/** Changes the process's own settings (label, entity, triggers, calendar…). */
export function updateMeta(before: ProcessMeta, after: ProcessMeta): ProcessCommand {
  const apply = (d: ProcessDefinition, meta: ProcessMeta) => ({ ...meta, nodes: d.nodes, edges: d.edges });
  return { label: 'Edit process', execute: (d) => apply(d, after), revert: (d) => apply(d, before) };
}

/** Several commands as one undo step (paste, auto-layout of a selection…). */
export function composite(label: string, commands: readonly ProcessCommand[]): ProcessCommand {
  return {
    label,
    execute: (d) => commands.reduce((acc, c) => c.execute(acc), d),
    revert: (d) => [...commands].reverse().reduce((acc, c) => c.revert(acc), d),
  };
}

/** Re-ids copied nodes and the edges between them so that they can be pasted next to the originals. */
export function pasteCommand(
  definition: ProcessDefinition,
  copied: { nodes: readonly ProcessNode[]; edges: readonly ProcessEdge[] },
  offset = 40,
): { command: ProcessCommand; nodeIds: string[] } {
  const taken = new Set(definition.nodes.map((n) => n.id));
  const takenEdges = new Set(definition.edges.map((e) => e.id));
  const idMap = new Map<string, string>();
  const unique = (base: string, set: Set<string>) => {
    let i = 2;
    while (set.has(`${base}_${i}`)) i += 1;
    set.add(`${base}_${i}`);
    return `${base}_${i}`;
  };
  const nodes = copied.nodes.map((n) => {
    const id = unique(n.id.replace(/_\d+$/, ''), taken);
    idMap.set(n.id, id);
    return { ...n, id, position: { x: n.position.x + offset, y: n.position.y + offset } };
  });
  const edges = copied.edges.flatMap((e) => {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    return source && target
      ? [{ ...e, id: unique(e.id.replace(/_\d+$/, ''), takenEdges), source, target }]
      : [];
  });
  return { command: addElements(nodes, edges, 'Paste'), nodeIds: nodes.map((n) => n.id) };
}
