import path from 'node:path';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import type { EntityDefinition, ProcessDefinition } from '@crm/definitions';
import { missingFields, orderedStages, stageSteps, transitionsFrom } from './process-view';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');

describe('process view from the definition', () => {
  let process: ProcessDefinition;
  let entities: EntityDefinition[];
  let deal: EntityDefinition;

  beforeAll(async () => {
    const solution = await loadSolutionFromDirectory(B2B);
    const found = solution.processes?.find((p) => p.entity === 'deal');
    if (!found) throw new Error('the sample has no deal process');
    process = found;
    entities = solution.entities ?? [];
    deal = entities.find((e) => e.key === 'deal') as EntityDefinition;
  });

  it('orders stages as the pipeline reads, ends last with the won end first', () => {
    expect(orderedStages(process).map((n) => n.id)).toEqual([
      'qualification',
      'needs_analysis',
      'proposal',
      'negotiation',
      'closed_won',
      'closed_lost',
    ]);
  });

  it('marks done, current and next stages, and ends in the end reached', () => {
    expect(stageSteps(process, 'proposal').map((s) => `${s.node.id}:${s.state}`)).toEqual([
      'qualification:done',
      'needs_analysis:done',
      'proposal:current',
      'negotiation:next',
      'closed_won:next',
    ]);
    const lost = stageSteps(process, 'closed_lost');
    expect(lost.at(-1)).toMatchObject({ node: { id: 'closed_lost' }, state: 'current' });
    expect(lost.filter((s) => s.state === 'done')).toHaveLength(4);
  });

  it('lists what a transition lacks, through references too', () => {
    const data = { name: 'D', account: 'a1' };
    const missing = missingFields(['account', 'contact', 'account.segment'], entities, deal, data, {
      account: { name: 'Acme' },
    });
    expect(missing.map((m) => m.field)).toEqual(['contact', 'account']);
    expect(missing[1]?.message).toMatch(/Segment is required/);
    const out = transitionsFrom(
      process,
      'proposal',
      entities,
      deal,
      { amount: { amount: 5, currency: 'EUR' } },
      {},
    );
    const toNegotiation = out.find((t) => t.target === 'negotiation');
    expect(toNegotiation?.allowed).toBe(false);
    expect(toNegotiation?.missing.map((m) => m.field)).toEqual(['primary_product', 'proposal_sent_date']);
  });
});
