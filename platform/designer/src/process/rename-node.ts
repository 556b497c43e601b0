// Renaming a node's id: every edge and every "$stage" condition of the process follows, in one
// undoable command. Forms and mail templates are other definitions: they are listed, not changed.
import type {
  FormDefinition,
  MailTemplateDefinition,
  ProcessDefinition,
  ProcessNode,
} from '@crm/definitions';
import type { ProcessCommand } from './process-commands';
import type { Selection } from './use-canvas-elements';

/** The ItemId pattern of the definition language. */
const ITEM_ID = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

function isStageComparison(value: object): value is { field: '$stage'; value?: unknown } {
  return 'field' in value && (value as { field: unknown }).field === '$stage' && 'op' in value;
}

/**
 * Conditions sit in many places (triggers, edges, approvals and their levels, waits, template
 * cases of mails in nodes, on entry and in timers), so the walk looks at every object rather than
 * at a list of places that would go stale when the language grows. Field values set by actions
 * are data, not conditions, and are left alone.
 */
function mapStageValues(value: unknown, map: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapStageValues(v, map));
  if (value === null || typeof value !== 'object') return value;
  if (isStageComparison(value)) {
    if (!('value' in value)) return value;
    const v = value.value;
    return { ...value, value: Array.isArray(v) ? v.map(map) : map(v) };
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'set' ? v : mapStageValues(v, map)]),
  );
}

/** Every "$stage" value in the definition (to refuse ids that conditions already use). */
function stageValues(definition: ProcessDefinition): Set<unknown> {
  const found = new Set<unknown>();
  mapStageValues(definition, (v) => {
    found.add(v);
    return v;
  });
  return found;
}

/** The definition with the node `from` called `to` everywhere it is referred to. */
export function renameNodeId(definition: ProcessDefinition, from: string, to: string): ProcessDefinition {
  const swap = (id: string) => (id === from ? to : id);
  const { nodes, edges, ...meta } = definition;
  const renamed = mapStageValues({ ...meta, nodes, edges }, (v) =>
    v === from ? to : v,
  ) as ProcessDefinition;
  return {
    ...renamed,
    nodes: renamed.nodes.map((n): ProcessNode => (n.id === from ? { ...n, id: to } : n)),
    edges: renamed.edges.map((e) => ({ ...e, source: swap(e.source), target: swap(e.target) })),
  };
}

/** Null when `to` can be the new id of node `from`, otherwise why not, in the analyst's words. */
export function nodeIdProblem(definition: ProcessDefinition, from: string, to: string): string | null {
  if (to === from) return null;
  if (to === '') return 'An id cannot be empty.';
  if (!ITEM_ID.test(to))
    return 'Use letters, digits, "_" and "-" only, starting with a letter (at most 100 characters).';
  const other = definition.nodes.find((n) => n.id === to);
  if (other) return `The step "${other.label}" already has the id "${to}".`;
  // Renaming back would then also rename those: the command could not be undone exactly.
  if (stageValues(definition).has(to)) return `A condition already checks for the stage "${to}".`;
  return null;
}

/**
 * One undo step. Its revert renames back, which is exact because `nodeIdProblem` refuses an id
 * that anything in the process already refers to.
 */
export function renameNode(from: string, to: string): ProcessCommand {
  return {
    label: `Rename ${from} to ${to}`,
    renamed: { from, to },
    execute: (d) => renameNodeId(d, from, to),
    revert: (d) => renameNodeId(d, to, from),
  };
}

/**
 * The selection after undoing (`back`) or redoing a command: a renamed node stays selected under
 * the id it has again.
 */
export function selectionAfter(
  selection: Selection,
  command: ProcessCommand | undefined,
  back: boolean,
): Selection {
  if (!command?.renamed) return selection;
  const [from, to] = back
    ? [command.renamed.to, command.renamed.from]
    : [command.renamed.from, command.renamed.to];
  return { ...selection, nodes: selection.nodes.map((id) => (id === from ? to : id)) };
}

/** Whether a form or template names the stage: in a `stages` list or a "$stage" condition. */
function refersToStage(value: unknown, nodeId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => refersToStage(v, nodeId));
  if (value === null || typeof value !== 'object') return false;
  if (isStageComparison(value)) {
    const v = value.value;
    return Array.isArray(v) ? v.includes(nodeId) : v === nodeId;
  }
  return Object.entries(value).some(([k, v]) =>
    k === 'stages' && Array.isArray(v) ? v.includes(nodeId) : refersToStage(v, nodeId),
  );
}

/** Other definitions that name the node as a stage: they keep the old id and must be edited. */
export function outsideReferences(
  nodeId: string,
  entity: string,
  forms: readonly FormDefinition[],
  templates: readonly MailTemplateDefinition[],
): string[] {
  return [
    ...forms.filter((f) => f.entity === entity && refersToStage(f, nodeId)).map((f) => `form "${f.label}"`),
    ...templates
      .filter((t) => t.entity === entity && refersToStage(t, nodeId))
      .map((t) => `mail template "${t.label}"`),
  ];
}
