import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '@crm/definitions';
import { allowedStatuses, holdingNode, statusFor } from './holding-node';
import { NotAStageNodeError, StageStatusMismatchError, UnknownNodeError } from './process-state.errors';
import { stagePath } from './stage-path';

const solutionDir = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales/processes');
const load = (file: string) =>
  JSON.parse(readFileSync(path.join(solutionDir, file), 'utf8')) as ProcessDefinition;

const position = { x: 0, y: 0 };
function processOf(nodes: [string, string, Record<string, unknown>?][], edges: [string, string][]) {
  return {
    key: 'toy',
    label: 'Toy',
    entity: 'ticket',
    triggers: [{ type: 'manual' }],
    nodes: nodes.map(([id, type, extra]) => ({
      id,
      type,
      label: id.toUpperCase(),
      position,
      ...extra,
    })) as ProcessNode[],
    edges: edges.map(([source, target], index) => ({ id: `e${index}`, source, target })) as ProcessEdge[],
  } as ProcessDefinition;
}

describe('stagePath', () => {
  it('orders the shipped deal pipeline from the graph, skipping decisions and loops back', () => {
    const result = stagePath(load('deal-pipeline.process.json'));
    expect(result.stages.map((stage) => stage.id)).toEqual([
      'qualification',
      'needs_analysis',
      'proposal',
      'negotiation',
    ]);
    expect(result.end).toMatchObject({ id: 'closed_won', outcome: 'won' });
    for (const stage of result.stages)
      expect(result.exits.get(stage.id)?.map((end) => end.outcome)).toContain('lost');
  });

  it('orders the shipped lead process too', () => {
    const result = stagePath(load('lead-qualification.process.json'));
    expect(result.stages.length).toBeGreaterThan(0);
    expect(result.end?.type).toBe('end');
  });

  it('prefers the longest forward path to a won end over a shortcut', () => {
    const result = stagePath(
      processOf(
        [
          ['start', 'start'],
          ['a', 'stage'],
          ['b', 'stage'],
          ['check', 'decision'],
          ['c', 'stage'],
          ['won', 'end', { outcome: 'won' }],
          ['lost', 'end', { outcome: 'lost' }],
        ],
        [
          ['start', 'a'],
          ['a', 'check'],
          ['check', 'won'],
          ['check', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'won'],
          ['b', 'lost'],
        ],
      ),
    );
    expect(result.stages.map((stage) => stage.id)).toEqual(['a', 'b', 'c']);
    expect(result.end?.id).toBe('won');
    expect(result.exits.get('a')?.map((end) => end.id)).toEqual(['won']);
    expect(result.exits.get('b')?.map((end) => end.id)).toEqual(['lost']);
  });

  it('falls back to any end, and to the deepest stage, when there is no won end', () => {
    const closedOnly = stagePath(
      processOf(
        [
          ['start', 'start'],
          ['a', 'stage'],
          ['done', 'end', { outcome: 'closed' }],
        ],
        [
          ['start', 'a'],
          ['a', 'done'],
        ],
      ),
    );
    expect(closedOnly.end?.id).toBe('done');
    const noEnd = stagePath(
      processOf(
        [
          ['start', 'start'],
          ['a', 'stage'],
          ['b', 'stage'],
        ],
        [
          ['start', 'a'],
          ['a', 'b'],
        ],
      ),
    );
    expect(noEnd.stages.map((stage) => stage.id)).toEqual(['a', 'b']);
    expect(noEnd.end).toBeUndefined();
  });
});

describe('holdingNode and statuses', () => {
  const deal = load('deal-pipeline.process.json');

  it('accepts stage and end nodes and names the reason for anything else', () => {
    expect(holdingNode(deal, 1, 'proposal').type).toBe('stage');
    expect(holdingNode(deal, 1, 'closed_lost').type).toBe('end');
    expect(() => holdingNode(deal, 1, 'nowhere')).toThrow(UnknownNodeError);
    expect(() => holdingNode(deal, 1, 'discount_check')).toThrow(NotAStageNodeError);
    expect(() => holdingNode(deal, 1, 'start')).toThrow(NotAStageNodeError);
  });

  it.each([
    ['qualification', undefined, 'open'],
    ['qualification', 'closed', 'closed'],
    ['closed_won', undefined, 'won'],
    ['closed_lost', undefined, 'lost'],
    ['closed_lost', 'closed', 'closed'],
  ] as const)('%s with status %s is %s', (nodeId, requested, expected) => {
    expect(statusFor(holdingNode(deal, 1, nodeId), requested)).toBe(expected);
  });

  it.each([
    ['qualification', 'won'],
    ['closed_won', 'lost'],
    ['closed_lost', 'open'],
  ] as const)('refuses %s with status %s', (nodeId, requested) => {
    expect(() => statusFor(holdingNode(deal, 1, nodeId), requested)).toThrow(StageStatusMismatchError);
    expect(allowedStatuses(holdingNode(deal, 1, nodeId))).not.toContain(requested);
  });
});
