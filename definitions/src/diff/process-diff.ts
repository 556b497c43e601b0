import type { ProcessDefinition, ProcessEdge, ProcessNode, Trigger } from '../generated/process.generated';
import type { DefinitionChange, DiffContext } from './diff.types';
import { activityText } from './action-diff';
import { ChangeCollector, matchByValue, matchList } from './diff-collector';
import { describeCondition, isDeepEqual, quote } from './diff-format';
import { diffNode, diffRequiredFields } from './process-node-diff';

/** Compares two versions of a process (either may be missing: the process was added or removed). */
export function diffProcess(
  before: ProcessDefinition | undefined,
  after: ProcessDefinition | undefined,
  context: DiffContext = {},
): DefinitionChange[] {
  const out = new ChangeCollector('process', after?.key ?? before?.key ?? '');
  if (before === undefined && after !== undefined)
    out.add('', 'added', `Process ${quote(after.label)} added`);
  else if (before !== undefined && after === undefined)
    out.add('', 'removed', `Process ${quote(before.label)} removed`);
  else if (before !== undefined && after !== undefined) {
    const ctx: DiffContext = { ...context, processes: [after, before, ...(context.processes ?? [])] };
    diffProcessProperties(out, before, after, ctx);
  }
  return out.changes;
}

function diffProcessProperties(
  out: ChangeCollector,
  before: ProcessDefinition,
  after: ProcessDefinition,
  ctx: DiffContext,
): void {
  const subject = `Process ${quote(before.label)}`;
  if (before.label !== after.label)
    out.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
  out.value('/entity', subject, 'entity', before.entity, after.entity);
  out.value('/calendar', subject, 'calendar', before.calendar, after.calendar);
  out.text('/description', subject, 'description', before.description, after.description);
  const triggers = matchByValue(before.triggers, after.triggers);
  for (const { item, index } of triggers.added) {
    out.add(
      `/triggers/${index}`,
      'added',
      `${subject}: trigger “${triggerText(item, after.entity, ctx)}” added`,
    );
  }
  for (const { item, index } of triggers.removed) {
    out.add(
      `/triggers/${index}`,
      'removed',
      `${subject}: trigger “${triggerText(item, before.entity, ctx)}” removed`,
    );
  }

  const nodes = matchList(before.nodes, after.nodes, (n) => n.id);
  for (const { item, index } of nodes.added) {
    out.add(`/nodes/${index}`, 'added', `${subject}: node ${quote(item.label)} added`);
  }
  for (const { item, index } of nodes.removed) {
    out.add(`/nodes/${index}`, 'removed', `${subject}: node ${quote(item.label)} removed`);
  }
  for (const pair of nodes.kept) {
    diffNode(out, `/nodes/${pair.afterIndex}`, pair.before, pair.after, after.entity, ctx);
  }
  diffEdges(out, before, after, ctx);
}

function triggerText(trigger: Trigger, entityKey: string, ctx: DiffContext): string {
  switch (trigger.type) {
    case 'onCreate':
      return 'when a record is created';
    case 'manual':
      return 'started by hand';
    case 'onCondition':
      return `when ${describeCondition(trigger.condition, entityKey, ctx)}`;
    default:
      throw new Error(`Unknown trigger: ${JSON.stringify(trigger satisfies never)}`);
  }
}

function endpointsText(edge: ProcessEdge, nodes: readonly ProcessNode[]): string {
  const label = (id: string): string => nodes.find((n) => n.id === id)?.label ?? id;
  return `${label(edge.source)} → ${label(edge.target)}`;
}

function transitionName(edge: ProcessEdge, nodes: readonly ProcessNode[]): string {
  return `Transition ${quote(endpointsText(edge, nodes))}`;
}

function diffEdges(
  out: ChangeCollector,
  before: ProcessDefinition,
  after: ProcessDefinition,
  ctx: DiffContext,
): void {
  // Designers keep edge ids, but hand-edited JSON may recreate an edge: pair those by endpoints.
  const endpoints = (e: ProcessEdge): string => `${e.source}|${e.sourceHandle ?? ''}|${e.target}`;
  const edges = matchList(before.edges, after.edges, (e) => e.id, endpoints);
  for (const { item, index } of edges.added) {
    out.add(`/edges/${index}`, 'added', `${transitionName(item, after.nodes)} added`);
  }
  for (const { item, index } of edges.removed) {
    out.add(`/edges/${index}`, 'removed', `${transitionName(item, before.nodes)} removed`);
  }
  for (const { before: b, after: a, afterIndex } of edges.kept) {
    const path = `/edges/${afterIndex}`;
    const subject = transitionName(b, before.nodes);
    if (b.source !== a.source || b.target !== a.target) {
      out.add(path, 'changed', `${subject} now connects ${quote(endpointsText(a, after.nodes))}`);
    }
    out.value(`${path}/sourceHandle`, subject, 'outcome', b.sourceHandle, a.sourceHandle, String);
    out.value(`${path}/label`, subject, 'label', b.label, a.label);
    if (!isDeepEqual(b.condition, a.condition)) {
      const cond = (c: ProcessEdge['condition']): string | undefined =>
        c === undefined ? undefined : describeCondition(c, after.entity, ctx);
      out.value(`${path}/condition`, subject, 'condition', cond(b.condition), cond(a.condition), String);
    }
    out.flag(`${path}/isDefault`, subject, 'the default branch', b.isDefault, a.isDefault);
    diffRequiredFields(
      { out, path, subject, entityKey: after.entity, ctx },
      b.requiredFields,
      a.requiredFields,
    );
    out.value(
      `${path}/activityTrigger`,
      subject,
      'taken automatically on',
      activityText(b.activityTrigger),
      activityText(a.activityTrigger),
      String,
    );
  }
}
