import type { ProcessDefinition, ProcessEdge, ProcessNode } from '../../generated/process.generated';
import { jsonPointer } from '../../shared/json-pointer';
import { nodeWord } from '../describe-location';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';

export function nodeName(node: ProcessNode): string {
  return `${nodeWord(node.type)} ${q(node.label)}`;
}

export function edgeName(edge: ProcessEdge, process: ProcessDefinition): string {
  if (edge.label) return `Transition ${q(edge.label)}`;
  const label = (id: string): string => process.nodes.find((n) => n.id === id)?.label ?? id;
  return `Transition ${q(`${label(edge.source)} → ${label(edge.target)}`)}`;
}

interface Graph {
  process: ProcessDefinition;
  site: ErrorSite;
  out: Map<string, Array<{ edge: ProcessEdge; index: number }>>;
  incoming: Map<string, number>;
}

function uniqueIds(process: ProcessDefinition, site: ErrorSite): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const seenNodes = new Set<string>();
  process.nodes.forEach((node, i) => {
    if (seenNodes.has(node.id)) {
      errors.push(
        definitionError(
          site,
          'duplicate-node-id',
          jsonPointer('nodes', i, 'id'),
          `${nodeName(node)} has the id ${q(node.id)}, which another node already uses.`,
          { nodeId: node.id },
        ),
      );
    }
    seenNodes.add(node.id);
  });
  const seenEdges = new Set<string>();
  process.edges.forEach((edge, i) => {
    if (seenEdges.has(edge.id)) {
      errors.push(
        definitionError(
          site,
          'duplicate-edge-id',
          jsonPointer('edges', i, 'id'),
          `${edgeName(edge, process)} has the id ${q(edge.id)}, which another transition already uses.`,
          { edgeId: edge.id },
        ),
      );
    }
    seenEdges.add(edge.id);
  });
  const timerIds = new Set<string>();
  process.nodes.forEach((node, i) => {
    const lists: Array<[string, Array<{ id: string }>]> = [];
    if (node.type === 'stage') lists.push(['checklist', node.checklist ?? []]);
    if (node.type === 'approval') lists.push(['levels', node.levels]);
    lists.forEach(([name, items]) => {
      const seen = new Set<string>();
      items.forEach((item, j) => {
        if (seen.has(item.id)) {
          errors.push(
            definitionError(
              site,
              'duplicate-item-id',
              jsonPointer('nodes', i, name, j, 'id'),
              `${nodeName(node)} has two ${name === 'levels' ? 'approval levels' : 'checklist items'} with the id ${q(item.id)}.`,
              { nodeId: node.id },
            ),
          );
        }
        seen.add(item.id);
      });
    });
    if (node.type === 'stage' || node.type === 'end') {
      (node.timers ?? []).forEach((timer, j) => {
        if (timerIds.has(timer.id)) {
          errors.push(
            definitionError(
              site,
              'duplicate-item-id',
              jsonPointer('nodes', i, 'timers', j, 'id'),
              `${nodeName(node)} has a timer with the id ${q(timer.id)}, which another timer of the process already uses.`,
              { nodeId: node.id },
            ),
          );
        }
        timerIds.add(timer.id);
      });
    }
  });
  return errors;
}

function edgeEnds(process: ProcessDefinition, site: ErrorSite): DefinitionError[] {
  const ids = new Set(process.nodes.map((n) => n.id));
  return process.edges.flatMap((edge, i) =>
    (['source', 'target'] as const)
      .filter((end) => !ids.has(edge[end]))
      .map((end) =>
        definitionError(
          site,
          'unknown-edge-node',
          jsonPointer('edges', i, end),
          `${edgeName(edge, process)} ${end === 'source' ? 'starts from' : 'leads to'} the node ${q(edge[end])}, which does not exist.`,
          { edgeId: edge.id },
        ),
      ),
  );
}

function startAndReachability(g: Graph): DefinitionError[] {
  const { process, site } = g;
  const starts = process.nodes.map((node, i) => ({ node, i })).filter(({ node }) => node.type === 'start');
  if (starts.length === 0) {
    return [
      definitionError(
        site,
        'single-start',
        '/nodes',
        `Process ${q(process.label)} has no start: add one start node.`,
      ),
    ];
  }
  const errors = starts
    .slice(1)
    .map(({ node, i }) =>
      definitionError(
        site,
        'single-start',
        jsonPointer('nodes', i),
        `${nodeName(node)} is a second start: a process has exactly one start.`,
        { nodeId: node.id },
      ),
    );
  const reached = new Set<string>(starts.map(({ node }) => node.id));
  const queue = [...reached];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const { edge } of g.out.get(id) ?? []) {
      if (!reached.has(edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  process.nodes.forEach((node, i) => {
    if (!reached.has(node.id)) {
      errors.push(
        definitionError(
          site,
          'unreachable-node',
          jsonPointer('nodes', i),
          `${nodeName(node)} cannot be reached from the start: connect it with a transition.`,
          { nodeId: node.id },
        ),
      );
    }
  });
  return errors;
}

/** Errors about the outgoing edges of one node, per the out-edge table of the language. */
function exits(g: Graph, node: ProcessNode, i: number): DefinitionError[] {
  const { site, process } = g;
  const out = g.out.get(node.id) ?? [];
  const at = jsonPointer('nodes', i);
  const meta = { nodeId: node.id };
  const err = (rule: Parameters<typeof definitionError>[1], message: string, path = at): DefinitionError =>
    definitionError(site, rule, path, message, meta);
  const handled = (handles: readonly string[]): DefinitionError[] =>
    out
      .filter(({ edge }) => edge.sourceHandle !== undefined && !handles.includes(edge.sourceHandle))
      .map(({ edge, index }) =>
        definitionError(
          site,
          'unexpected-source-handle',
          jsonPointer('edges', index, 'sourceHandle'),
          `${edgeName(edge, process)} leaves ${nodeName(node)} through ${q(edge.sourceHandle ?? '')}, an exit that node does not have.`,
          { edgeId: edge.id },
        ),
      );
  const noExit = (): DefinitionError[] =>
    out.length === 0 ? [err('node-without-exit', `${nodeName(node)} has no way out: add a transition.`)] : [];
  const exactlyOne = (edges = out): DefinitionError[] =>
    edges.length > 1
      ? [
          err(
            'too-many-exits',
            `${nodeName(node)} has ${edges.length} outgoing transitions, but it continues along exactly one: remove all but one.`,
          ),
        ]
      : [];
  switch (node.type) {
    case 'start':
    case 'userTask':
    case 'sendMail':
    case 'updateRecord':
    case 'createTask':
      return [...noExit(), ...exactlyOne(), ...handled([])];
    case 'stage':
      return [...noExit(), ...handled([])];
    case 'parallelJoin': {
      const incoming = g.incoming.get(node.id) ?? 0;
      const join =
        incoming < 2
          ? [
              err(
                'join-needs-branches',
                `${nodeName(node)} has ${incoming} incoming branch${incoming === 1 ? '' : 'es'}; a join waits for at least two.`,
              ),
            ]
          : [];
      return [...noExit(), ...exactlyOne(), ...join, ...handled([])];
    }
    case 'parallelSplit':
      return [
        ...noExit(),
        ...(out.length === 1
          ? [
              err(
                'split-needs-branches',
                `${nodeName(node)} has only one branch; a parallel split starts at least two.`,
              ),
            ]
          : []),
        ...handled([]),
      ];
    case 'decision': {
      const defaults = out.filter(({ edge }) => edge.isDefault === true);
      const errors = [...noExit(), ...handled([])];
      if (out.length > 0 && defaults.length !== 1) {
        errors.push(
          err(
            'decision-default',
            defaults.length === 0
              ? `${nodeName(node)} has no default branch: mark exactly one outgoing transition as the default.`
              : `${nodeName(node)} has ${defaults.length} default branches: exactly one may be the default.`,
          ),
        );
      }
      for (const { edge, index } of out) {
        if (edge.isDefault !== true && edge.condition === undefined) {
          errors.push(
            definitionError(
              site,
              'decision-branch-condition',
              jsonPointer('edges', index),
              `${edgeName(edge, process)} leaves ${nodeName(node)} without a condition: give it one, or make it the default branch.`,
              { edgeId: edge.id },
            ),
          );
        }
      }
      return errors;
    }
    case 'approval': {
      if (out.length === 0) return noExit();
      const errors = handled(['approved', 'rejected']);
      for (const handle of ['approved', 'rejected'] as const) {
        const count = out.filter(({ edge }) => edge.sourceHandle === handle).length;
        if (count !== 1) {
          errors.push(
            err(
              'approval-outcomes',
              count === 0
                ? `${nodeName(node)} has no ${q(handle)} transition: add one.`
                : `${nodeName(node)} has ${count} ${q(handle)} transitions: keep exactly one.`,
            ),
          );
        }
      }
      for (const { edge, index } of out.filter(({ edge: e }) => e.sourceHandle === undefined)) {
        errors.push(
          definitionError(
            site,
            'approval-outcomes',
            jsonPointer('edges', index),
            `${edgeName(edge, process)} leaves ${nodeName(node)} without saying whether it is the “approved” or the “rejected” path.`,
            { edgeId: edge.id },
          ),
        );
      }
      return errors;
    }
    case 'wait': {
      const main = out.filter(({ edge }) => edge.sourceHandle !== 'timeout');
      const timeouts = out.filter(({ edge }) => edge.sourceHandle === 'timeout');
      const hasTimeout = node.wait.type === 'condition' && node.wait.timeout !== undefined;
      const errors = [
        ...(main.length === 0
          ? [err('node-without-exit', `${nodeName(node)} has no way out: add a transition.`)]
          : []),
        ...exactlyOne(main),
        ...handled(['timeout']),
      ];
      if (hasTimeout && timeouts.length !== 1) {
        errors.push(
          err(
            'wait-timeout-edge',
            timeouts.length === 0
              ? `${nodeName(node)} has a timeout but no “timeout” transition: add one.`
              : `${nodeName(node)} has ${timeouts.length} “timeout” transitions: keep exactly one.`,
          ),
        );
      }
      if (!hasTimeout) {
        for (const { edge, index } of timeouts) {
          errors.push(
            definitionError(
              site,
              'wait-timeout-edge',
              jsonPointer('edges', index, 'sourceHandle'),
              `${edgeName(edge, process)} is a “timeout” exit, but ${nodeName(node)} has no timeout: give the wait a timeout or remove this transition.`,
              { edgeId: edge.id },
            ),
          );
        }
      }
      return errors;
    }
    case 'end':
      return [
        ...out.map(({ edge, index }) =>
          definitionError(
            site,
            'end-node-has-exit',
            jsonPointer('edges', index),
            `${edgeName(edge, process)} leaves ${nodeName(node)}, but a process ends there: remove it.`,
            { edgeId: edge.id },
          ),
        ),
      ];
    default:
      throw new Error(`Unknown node type: ${(node as { type: string }).type}`);
  }
}

/** The structural rules of a process graph. */
export function processGraphRules(process: ProcessDefinition, site: ErrorSite): DefinitionError[] {
  const out = new Map<string, Array<{ edge: ProcessEdge; index: number }>>();
  const incoming = new Map<string, number>();
  process.edges.forEach((edge, index) => {
    out.set(edge.source, [...(out.get(edge.source) ?? []), { edge, index }]);
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  });
  const g: Graph = { process, site, out, incoming };
  return [
    ...uniqueIds(process, site),
    ...edgeEnds(process, site),
    ...startAndReachability(g),
    ...process.nodes.flatMap((node, i) => exits(g, node, i)),
  ];
}
