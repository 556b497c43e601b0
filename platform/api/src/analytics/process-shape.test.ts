import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcessDefinition } from '@crm/definitions';
import { ProblemError } from '../http/problems';
import type { EntityLike } from '../records/field-sql';
import { parseFunnelQuery, parseSnapshotQuery } from './analytics-query';
import { processShape } from './process-shape';

const solution = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(solution, file), 'utf8')) as T;
const pipeline = read<ProcessDefinition>('processes/deal-pipeline.process.json');
const deal = read<EntityLike>('entities/deal.entity.json');

describe('processShape: everything from the definitions', () => {
  it('orders the B2B stages along the pipeline with their probabilities, ends and first money field', () => {
    const shape = processShape(pipeline, deal);
    expect(shape.stages.map((s) => [s.id, s.probability, s.rank])).toEqual([
      ['qualification', 10, 0],
      ['needs_analysis', 25, 1],
      ['proposal', 50, 2],
      ['negotiation', 75, 3],
    ]);
    expect(shape.ends.map((e) => [e.id, e.outcome])).toEqual([
      ['closed_won', 'won'],
      ['closed_lost', 'lost'],
    ]);
    expect(shape.amountField?.key).toBe('amount');
    expect(processShape(pipeline, deal, 'budget').amountField?.key).toBe('budget');
  });

  it('reports a stage off the main path after the path, and no amount for an entity without money', () => {
    const onHold = { id: 'on_hold', type: 'stage', label: 'On hold', position: { x: 0, y: 0 } } as const;
    const definition = {
      ...pipeline,
      nodes: [...pipeline.nodes, onHold],
      edges: [...pipeline.edges, { id: 'e_hold', source: 'proposal', target: 'on_hold' }],
    } as ProcessDefinition;
    const noMoney: EntityLike = {
      key: 'deal',
      label: 'Deal',
      fields: [{ key: 'name', label: 'Name', type: 'text' }],
    };
    const shape = processShape(definition, noMoney);
    expect(shape.stages.at(-1)).toEqual({ id: 'on_hold', label: 'On hold', probability: 0, rank: 4 });
    expect(shape.amountField).toBeUndefined();
  });

  it('refuses an amount field that is not money, naming the field and the rule', () => {
    expect(() => processShape(pipeline, deal, 'name')).toThrow(ProblemError);
    let caught: unknown;
    try {
      processShape(pipeline, deal, 'discount');
    } catch (error) {
      caught = error;
    }
    expect((caught as ProblemError).errors).toEqual([
      expect.objectContaining({ field: 'amountField', rule: 'moneyField' }),
    ]);
  });
});

describe('analytics query parameters', () => {
  const now = new Date('2026-05-31T12:00:00Z');
  it('defaults to the 90 days before now and reads days as whole UTC days', () => {
    expect(parseFunnelQuery({}, now).period).toEqual({
      from: new Date('2026-03-02T12:00:00Z'),
      to: now,
    });
    expect(parseFunnelQuery({ from: '2026-05-01', to: '2026-05-31' }, now).period).toEqual({
      from: new Date('2026-05-01T00:00:00Z'),
      to: new Date('2026-06-01T00:00:00Z'),
    });
    expect(parseFunnelQuery({ from: '2026-05-01T08:00:00+02:00' }, now).period.from).toEqual(
      new Date('2026-05-01T06:00:00Z'),
    );
  });

  it.each([
    [{ from: '2026-02-30' }, 'from', 'format'],
    [{ to: 'soon' }, 'to', 'format'],
    [{ from: '2026-06-01', to: '2026-05-01' }, 'from', 'order'],
    [{ owner: '42' }, 'owner', 'format'],
    [{ owner: ['a', 'b'] }, 'owner', 'type'],
    [{ amountField: 'Amount; DROP' }, 'amountField', 'format'],
  ])('refuses %j (%s, %s)', (query, field, rule) => {
    try {
      parseFunnelQuery(query, now);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).status).toBe(400);
      expect((error as ProblemError).errors).toEqual([expect.objectContaining({ field, rule })]);
    }
  });

  it('reads the snapshot parameters without a period', () => {
    expect(parseSnapshotQuery({ from: 'ignored', amountField: 'budget' })).toEqual({
      ownerId: undefined,
      amountField: 'budget',
    });
  });
});
