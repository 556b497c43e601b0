/**
 * @jest-environment jsdom
 */
// Renaming a node and choosing mail templates by condition, in the designer's properties tab over
// the shipped deal pipeline; the durations of approvals and waits share one editor.
import '../../test-support/dom-shims';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ProcessDefinition, ProcessNode, SendMailNode } from '@crm/definitions';
import type { Workspace } from '../../shared/workspace';
import { b2bWorkspace, PropertiesHarness, type HarnessProbe } from '../../test-support/properties-harness';
import { createNode } from '../node-kinds';

let workspace: Workspace;
let pipeline: ProcessDefinition;

beforeAll(async () => {
  workspace = await b2bWorkspace();
  pipeline = workspace.processes.find((p) => p.key === 'deal_pipeline')!;
});
afterEach(cleanup);

function open(definition: ProcessDefinition, nodeId: string) {
  const probe: { current?: HarnessProbe } = {};
  render(
    <PropertiesHarness
      initial={definition}
      workspace={workspace}
      select={{ nodes: [nodeId], edges: [] }}
      probe={probe}
    />,
  );
  return {
    definition: () => probe.current!.current(),
    node: (id = nodeId) => probe.current!.current().nodes.find((n) => n.id === id),
    steps: () => probe.current!.steps(),
  };
}

const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('renaming a node', () => {
  it('refuses invalid and taken ids with the reason, and commits nothing', () => {
    const doc = open(pipeline, 'proposal');
    const id = screen.getByLabelText('Node id');
    fireEvent.change(id, { target: { value: '2nd offer' } });
    expect(screen.getByRole('alert').textContent).toMatch(/starting with a letter/);
    fireEvent.keyDown(id, { key: 'Enter' });
    fireEvent.blur(id);
    fireEvent.change(id, { target: { value: 'negotiation' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'The step "Negotiation" already has the id "negotiation".',
    );
    fireEvent.blur(id);
    expect(doc.steps()).toBe(0);
    expect(doc.definition()).toBe(pipeline);
  });

  it('renames the node and its edges as one step, names what will not follow, and undoes it', () => {
    const doc = open(pipeline, 'proposal');
    const id = screen.getByLabelText('Node id');
    fireEvent.change(id, { target: { value: 'offer' } });
    // The mail templates gated on the stage keep the old id: the analyst is told which.
    expect(screen.getByRole('status').textContent).toMatch(/mail template "Proposal/);
    fireEvent.keyDown(id, { key: 'Enter' });

    expect(doc.steps()).toBe(1);
    expect(doc.node('proposal')).toBeUndefined();
    expect(doc.node('offer')).toEqual({ ...pipeline.nodes.find((n) => n.id === 'proposal'), id: 'offer' });
    const touching = (d: ProcessDefinition, nodeId: string) =>
      d.edges.filter((e) => e.source === nodeId || e.target === nodeId).map((e) => e.id);
    expect(touching(doc.definition(), 'offer')).toEqual(touching(pipeline, 'proposal'));
    // The panel follows the renamed node.
    expect(screen.getByLabelText('Node id')).toHaveProperty('value', 'offer');

    click('Undo');
    expect(doc.definition()).toEqual(pipeline);
    // The panel stays on the node, under its id of the moment.
    expect(screen.getByLabelText('Node id')).toHaveProperty('value', 'proposal');
    click('Redo');
    expect(doc.node('offer')).toBeDefined();
    expect(screen.getByLabelText('Node id')).toHaveProperty('value', 'offer');
    expect(touching(doc.definition(), 'proposal')).toEqual([]);
  });
});

describe('a mail template chosen by condition', () => {
  const mailNode = createNode(
    'sendMail',
    'send_offer',
    { x: 0, y: 0 },
    { template: 'follow_up_1' },
  ) as SendMailNode;
  const withMail = (): ProcessDefinition => ({ ...pipeline, nodes: [...pipeline.nodes, mailNode] });

  it('turns one template into cases by segment, edits, orders and falls back, with undo', () => {
    const initial = withMail();
    const doc = open(initial, 'send_offer');
    const mail = () => doc.node('send_offer') as SendMailNode;
    fireEvent.change(screen.getByLabelText('Template choice'), { target: { value: 'cases' } });
    expect(mail().template).toEqual({
      cases: [{ when: { field: expect.any(String), op: 'isSet' }, template: 'follow_up_1' }],
      otherwise: 'follow_up_1',
    });

    // Case 1: when the account's segment is "distributor", send the distributor proposal.
    const case1 = within(screen.getByRole('group', { name: 'Template case 1' }));
    fireEvent.change(case1.getByLabelText('Field'), { target: { value: 'account.segment' } });
    fireEvent.change(case1.getByLabelText('Operator'), { target: { value: 'eq' } });
    fireEvent.change(case1.getByLabelText('Value'), { target: { value: 'distributor' } });
    fireEvent.change(case1.getByLabelText('Template case 1 template'), {
      target: { value: 'proposal_distributor' },
    });
    click('+ Case');
    const case2 = within(screen.getByRole('group', { name: 'Template case 2' }));
    fireEvent.change(case2.getByLabelText('Template case 2 template'), {
      target: { value: 'proposal_corporate' },
    });
    fireEvent.click(screen.getByLabelText('Move Template case 2 up'));
    fireEvent.change(screen.getByLabelText('Template otherwise'), {
      target: { value: 'proposal_small_business' },
    });

    const segment = { field: 'account.segment', op: 'eq', value: 'distributor' };
    expect(mail().template).toEqual({
      cases: [
        { when: expect.objectContaining({ op: 'isSet' }), template: 'proposal_corporate' },
        { when: { all: [segment] }, template: 'proposal_distributor' },
      ],
      otherwise: 'proposal_small_business',
    });

    // No fallback: no mail when no case holds.
    fireEvent.change(screen.getByLabelText('Template otherwise'), { target: { value: '' } });
    expect('otherwise' in (mail().template as object)).toBe(false);

    const steps = doc.steps();
    for (let i = 0; i < steps; i += 1) click('Undo');
    expect(doc.definition()).toEqual(initial);
    for (let i = 0; i < steps; i += 1) click('Redo');
    expect((mail().template as { cases: unknown[] }).cases).toHaveLength(2);
  });

  it('edits the template choice of a mail sent on entering the proposal stage', () => {
    const doc = open(pipeline, 'proposal');
    const action = within(screen.getByRole('group', { name: 'On entry action 1' }));
    expect(action.getByLabelText('On entry action 1 template choice')).toHaveProperty('value', 'cases');
    fireEvent.click(action.getByLabelText('Remove On entry action 1 template case 1'));
    const onEnter = () => (doc.node() as Extract<ProcessNode, { type: 'stage' }>).onEnter;
    expect(onEnter()?.[0]).toMatchObject({
      template: { cases: [{ template: 'proposal_corporate' }], otherwise: 'proposal_small_business' },
    });
    fireEvent.change(action.getByLabelText('On entry action 1 template choice'), {
      target: { value: 'one' },
    });
    expect(onEnter()?.[0]).toMatchObject({ template: 'proposal_small_business' });
    click('Undo');
    click('Undo');
    expect(doc.definition()).toEqual(pipeline);
  });
});

describe('durations', () => {
  it('sets and clears an approval deadline and reminder with the shared editor', () => {
    const doc = open(pipeline, 'discount_approval');
    const approval = () => doc.node() as Extract<ProcessNode, { type: 'approval' }>;
    const before = approval().levels[0]!;
    fireEvent.change(screen.getByLabelText('Level 1 deadline amount'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Level 1 deadline unit'), { target: { value: 'H' } });
    expect(approval().levels[0]!.deadline).toBe('PT4H');
    fireEvent.change(screen.getByLabelText('Level 1 reminder amount'), { target: { value: '' } });
    expect('reminderAfter' in approval().levels[0]!).toBe(false);
    click('Undo');
    click('Undo');
    click('Undo');
    expect(approval().levels[0]).toEqual(before);
  });

  it('keeps a required wait duration when it is cleared', () => {
    const wait = createNode('wait', 'cool_down', { x: 0, y: 0 });
    const doc = open({ ...pipeline, nodes: [...pipeline.nodes, wait] }, 'cool_down');
    fireEvent.change(screen.getByLabelText('Wait duration amount'), { target: { value: '3' } });
    fireEvent.click(screen.getByLabelText('Count in business time (working days and hours)'));
    expect(doc.node()).toMatchObject({ wait: { type: 'duration', duration: 'P3D', businessTime: true } });
    fireEvent.change(screen.getByLabelText('Wait duration amount'), { target: { value: '' } });
    expect(doc.node()).toMatchObject({ wait: { duration: 'P1D' } });
  });
});
