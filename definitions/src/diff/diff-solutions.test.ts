import type { ProcessDefinition } from '../generated/process.generated';
import type { Solution } from '../generated/solution.generated';
import { loadB2bSolution } from './b2b-fixture';
import { diffSolutions } from './diff-definitions';

const shipped = loadB2bSolution();

/** The kind of release an administrator might publish on top of the shipped solution. */
function nextRelease(): Solution {
  const next = structuredClone(shipped);
  next.version = '1.1.0';
  const deal = next.entities.find((e) => e.key === 'deal');
  const account = next.entities.find((e) => e.key === 'account');
  const pipeline = next.processes.find((p) => p.key === 'deal_pipeline');
  if (!deal || !account || !pipeline) throw new Error('fixture incomplete');

  const discount = deal.fields.find((f) => f.key === 'discount');
  if (discount?.type === 'percent') discount.max = 30;
  deal.fields = deal.fields.filter((f) => f.key !== 'competitors') as typeof deal.fields;
  const segment = account.fields.find((f) => f.key === 'segment');
  if (segment?.type === 'enum') segment.options.push({ value: 'reseller', label: 'Reseller' });

  const proposal = pipeline.nodes.find((n) => n.id === 'proposal');
  if (proposal?.type === 'stage') proposal.requiredFields = [...(proposal.requiredFields ?? []), 'budget'];
  dropApproval(pipeline);

  next.forms = next.forms.filter((f) => f.key !== 'product_main');
  next.mailTemplates.push({
    key: 'birthday_greeting',
    label: 'Birthday greeting',
    entity: 'contact',
    format: 'text',
    subject: 'Happy birthday, {{first_name}}!',
    body: 'All the best from {{owner.name}}.',
  });
  return next;
}

function dropApproval(pipeline: ProcessDefinition): void {
  pipeline.nodes = pipeline.nodes.filter((n) => n.id !== 'discount_approval') as ProcessDefinition['nodes'];
  pipeline.edges = pipeline.edges.filter(
    (e) => e.source !== 'discount_approval' && e.target !== 'discount_approval',
  );
  pipeline.edges.push({ id: 'e_direct_won', source: 'negotiation', target: 'closed_won', label: 'Won' });
}

describe('diffSolutions', () => {
  it('finds nothing between the shipped solution and a copy of it', () => {
    expect(diffSolutions(shipped, structuredClone(shipped))).toEqual([]);
  });

  it('lists a release of the B2B solution in business terms, in kind order', () => {
    const changes = diffSolutions(shipped, nextRelease());
    expect(changes.map((c) => [c.kind, c.key, c.severity, c.message])).toEqual([
      ['solution', 'b2b-sales', 'info', 'Solution “B2B sales”: version 1.0.0 → 1.1.0'],
      ['entity', 'account', 'info', 'Field “Segment”: option “Reseller” added'],
      ['entity', 'deal', 'destructive', 'Field “Competitors involved” removed'],
      ['entity', 'deal', 'info', 'Field “Discount”: max 40 → 30'],
      ['form', 'product_main', 'info', 'Form “Product” removed'],
      ['process', 'deal_pipeline', 'info', 'Process “Deal pipeline”: node “Discount approval” removed'],
      ['process', 'deal_pipeline', 'info', 'Stage “Proposal”: required field “Budget” added'],
      ['process', 'deal_pipeline', 'info', 'Transition “Negotiation → Closed won” added'],
      ['process', 'deal_pipeline', 'info', 'Transition “Discount above 10 %? → Discount approval” removed'],
      ['process', 'deal_pipeline', 'info', 'Transition “Discount approval → Closed won” removed'],
      ['process', 'deal_pipeline', 'info', 'Transition “Discount approval → Negotiation” removed'],
      ['mailTemplate', 'birthday_greeting', 'info', 'Mail template “Birthday greeting” added'],
    ]);
  });

  it('points removed parts into the old version and the rest into the new one', () => {
    const changes = diffSolutions(shipped, nextRelease());
    const removedField = changes.find((c) => c.message === 'Field “Competitors involved” removed');
    const addedEdge = changes.find((c) => c.message === 'Transition “Negotiation → Closed won” added');
    const deal = shipped.entities.find((e) => e.key === 'deal');
    expect(removedField?.path).toBe(`/fields/${deal?.fields.findIndex((f) => f.key === 'competitors')}`);
    const pipeline = shipped.processes.find((p) => p.key === 'deal_pipeline');
    expect(addedEdge?.path).toBe(`/edges/${(pipeline?.edges.length ?? 0) - 3}`);
  });
});
