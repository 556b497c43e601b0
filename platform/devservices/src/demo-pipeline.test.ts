import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stagePath } from '@crm/api';
import type { EntityDefinition, ProcessDefinition, ProcessNode } from '@crm/definitions';
import { missingFieldsPatch, planDealWalk, requiredToMove } from './demo-pipeline';
import { DemoRandom } from './demo-random';

const solution = path.resolve(__dirname, '../../../definitions/solutions/b2b-sales');
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(solution, file), 'utf8')) as T;
const pipeline = read<ProcessDefinition>('processes/deal-pipeline.process.json');
const deal = read<EntityDefinition>('entities/deal.entity.json');
const today = new Date('2026-11-22T12:00:00Z');
const node = (id: string): ProcessNode => {
  const found = pipeline.nodes.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
};

describe('planDealWalk', () => {
  const path = stagePath(pipeline);
  const plans = (() => {
    const random = new DemoRandom(4);
    return Array.from({ length: 400 }, () => planDealWalk(random, path, today));
  })();

  it('is deterministic for a seed', () => {
    const again = planDealWalk(new DemoRandom(4), path, today);
    expect(again).toEqual(plans[0]);
  });

  it('walks every deal from the first stage in pipeline order, back-dated and in time order', () => {
    const order = path.stages.map((stage) => stage.id);
    for (const plan of plans) {
      const ids = plan.steps.map((step) => step.node.id);
      const stages = ids.filter((id) => order.includes(id));
      expect(stages).toEqual(order.slice(0, stages.length));
      const times = plan.steps.map((step) => step.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThan(today.getTime());
      expect(Math.min(...times)).toBeGreaterThanOrEqual(today.getTime() - 181 * 86_400_000);
    }
  });

  it('ends won deals in the won end and lost deals in a lost end, with more deals early than late', () => {
    const last = (outcome: string) =>
      plans.filter((plan) => plan.outcome === outcome).map((plan) => plan.steps[plan.steps.length - 1]?.node);
    expect(last('won').every((end) => end?.type === 'end' && end.outcome === 'won')).toBe(true);
    expect(last('lost').every((end) => end?.type === 'end' && end.outcome === 'lost')).toBe(true);
    const open = last('open');
    expect(open.every((stage) => stage?.type === 'stage')).toBe(true);
    const count = (id: string | undefined) => open.filter((stage) => stage?.id === id).length;
    expect(count(path.stages[0]?.id)).toBeGreaterThan(count(path.stages[path.stages.length - 1]?.id));
    expect(last('won').length).toBeGreaterThan(40);
    expect(last('lost').length).toBeGreaterThan(40);
  });
});

describe('required fields on the way', () => {
  it('collects what the stage, the edges on the way and the end require', () => {
    expect(requiredToMove(pipeline, node('proposal'), node('negotiation')).sort()).toEqual(
      ['amount', 'primary_product', 'proposal_sent_date'].sort(),
    );
    // Through the discount decision into the won end.
    expect(requiredToMove(pipeline, node('negotiation'), node('closed_won')).sort()).toEqual(
      ['amount', 'discount', 'expected_close_date'].sort(),
    );
    expect(requiredToMove(pipeline, node('qualification'), node('closed_lost')).sort()).toEqual(
      ['account', 'account.segment', 'contact', 'lost_reason'].sort(),
    );
  });

  it('fills only the empty fields of the record itself, by their type', () => {
    const patch = missingFieldsPatch(
      new DemoRandom(1),
      deal,
      { amount: { amount: 1000, currency: 'EUR' } },
      ['amount', 'account.segment', 'primary_product', 'proposal_sent_date', 'lost_reason', 'pains'],
      { at: today, ownerId: 'u1', references: new Map([['product', ['p1', 'p2']]]) },
    );
    expect(Object.keys(patch).sort()).toEqual([
      'lost_reason',
      'pains',
      'primary_product',
      'proposal_sent_date',
    ]);
    expect(patch.proposal_sent_date).toBe('2026-11-22');
    expect(['p1', 'p2']).toContain(patch.primary_product);
    const reasons = deal.fields.find((field) => field.key === 'lost_reason');
    expect(reasons?.type === 'enum' && reasons.options.map((option) => option.value)).toContain(
      patch.lost_reason,
    );
  });
});
