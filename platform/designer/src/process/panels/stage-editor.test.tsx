/**
 * @jest-environment jsdom
 */
// The stage editors for actions on entry and timers, in the designer's properties tab over the
// shipped deal pipeline: each edit is one command, undone and redone exactly.
import '../../test-support/dom-shims';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ProcessDefinition, StageNode } from '@crm/definitions';
import type { Workspace } from '../../shared/workspace';
import { b2bWorkspace, PropertiesHarness, type HarnessProbe } from '../../test-support/properties-harness';

let workspace: Workspace;
let pipeline: ProcessDefinition;

beforeAll(async () => {
  workspace = await b2bWorkspace();
  const found = workspace.processes.find((p) => p.key === 'deal_pipeline');
  if (!found) throw new Error('The B2B solution has no deal pipeline.');
  pipeline = found;
});
afterEach(cleanup);

function open(nodeId: string) {
  const probe: { current?: HarnessProbe } = {};
  render(
    <PropertiesHarness
      initial={pipeline}
      workspace={workspace}
      select={{ nodes: [nodeId], edges: [] }}
      probe={probe}
    />,
  );
  const stage = () => probe.current!.current().nodes.find((n) => n.id === nodeId) as StageNode;
  return { probe: probe.current!, stage, get: () => probe.current! };
}

function type(input: HTMLElement, value: string) {
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}

function undoAll(steps: number) {
  for (let i = 0; i < steps; i += 1) fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
}
function redoAll(steps: number) {
  for (let i = 0; i < steps; i += 1) fireEvent.click(screen.getByRole('button', { name: 'Redo' }));
}

describe('actions on entry', () => {
  it('adds and edits a task created on entry, then undoes and redoes every edit', () => {
    const { stage, get } = open('needs_analysis');
    const original = stage();
    expect(original.onEnter).toBeUndefined();

    fireEvent.change(screen.getByLabelText('Add on entry action'), { target: { value: 'createTask' } });
    const card = within(screen.getByRole('group', { name: 'On entry action 1' }));
    type(card.getByLabelText('On entry action 1 Task title'), 'Book the needs meeting');
    fireEvent.change(card.getByLabelText('On entry action 1 Assignee'), { target: { value: 'role' } });
    fireEvent.change(card.getByLabelText('On entry action 1 Assignee role'), {
      target: { value: 'manager' },
    });
    fireEvent.change(card.getByLabelText('On entry action 1 Due amount'), { target: { value: '2' } });
    fireEvent.click(card.getByLabelText('Count in business time'));

    const edited = {
      type: 'createTask',
      title: 'Book the needs meeting',
      assignee: { type: 'role', role: 'manager' },
      due: 'P2D',
      businessTime: true,
    };
    expect(stage().onEnter).toEqual([edited]);
    expect(get().steps()).toBe(6);

    undoAll(6);
    expect(stage()).toEqual(original);
    expect('onEnter' in stage()).toBe(false);
    redoAll(6);
    expect(stage().onEnter).toEqual([edited]);
  });

  it('reorders and removes the actions of an end, and sends a mail and a notification', () => {
    const { stage, get } = open('closed_won');
    const original = stage();
    expect(original.onEnter?.map((a) => a.type)).toEqual(['updateRecord', 'sendMail', 'createTask']);

    fireEvent.click(screen.getByLabelText('Move On entry action 1 down'));
    expect(stage().onEnter?.map((a) => a.type)).toEqual(['sendMail', 'updateRecord', 'createTask']);
    fireEvent.click(screen.getByLabelText('Remove On entry action 3'));
    fireEvent.change(screen.getByLabelText('Add on entry action'), { target: { value: 'notify' } });
    type(screen.getByLabelText('On entry action 3 message'), 'Deal won: tell the team.');
    expect(stage().onEnter?.map((a) => a.type)).toEqual(['sendMail', 'updateRecord', 'notify']);
    expect(stage().onEnter?.[2]).toEqual({
      type: 'notify',
      to: { type: 'owner' },
      message: 'Deal won: tell the team.',
    });

    undoAll(get().steps());
    expect(stage()).toEqual(original);
  });

  it('marks the action that has a problem, and clears the mark once it is fixed', () => {
    open('needs_analysis');
    expect(screen.queryByRole('alert', { name: 'Problems of this step' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Add on entry action'), { target: { value: 'updateRecord' } });
    const card = screen.getByRole('group', { name: 'On entry action 1' });
    expect(card.className).toMatch(/has-problems/);
    expect(screen.getByRole('alert', { name: 'Problems of this step' }).textContent).toMatch(
      /onEnter\[1\]\.set/,
    );
    fireEvent.change(within(card).getByLabelText('On entry action 1 Add a field to set'), {
      target: { value: 'next_step' },
    });
    const value = within(card).getByLabelText('On entry action 1 Value of next_step');
    fireEvent.change(value, { target: { value: 'Book the needs meeting' } });
    fireEvent.blur(value);
    expect(screen.getByRole('group', { name: 'On entry action 1' }).className).not.toMatch(/has-problems/);
    expect(screen.queryByRole('alert', { name: 'Problems of this step' })).toBeNull();
  });

  it('updates a related record with values typed for its fields', () => {
    const { stage } = open('closed_won');
    const update = stage().onEnter?.[0];
    expect(update).toMatchObject({ type: 'updateRecord', target: 'account' });
    const card = within(screen.getByRole('group', { name: 'On entry action 1' }));
    // The account's fields are offered, since the action updates the account the deal refers to.
    fireEvent.change(card.getByLabelText('On entry action 1 Add a field to set'), {
      target: { value: 'segment' },
    });
    fireEvent.change(card.getByLabelText('On entry action 1 Value of segment'), {
      target: { value: 'distributor' },
    });
    expect(stage().onEnter?.[0]).toMatchObject({ set: { segment: 'distributor' } });
    fireEvent.change(card.getByLabelText('On entry action 1 Record to update'), { target: { value: '' } });
    expect('target' in (stage().onEnter?.[0] ?? {})).toBe(false);
  });
});

describe('timers', () => {
  it('edits an idle reminder, adds a timer with a process-wide unique id, and undoes it all', () => {
    const { stage, get } = open('qualification');
    const original = stage();
    const timer = within(screen.getByRole('group', { name: 'Timer 1' }));
    expect(timer.getByLabelText('Timer 1 fires after amount')).toHaveProperty('value', '2');

    fireEvent.change(timer.getByLabelText('Timer 1 fires after amount'), { target: { value: '3' } });
    fireEvent.click(timer.getByLabelText('Count in business time'));
    fireEvent.change(timer.getByLabelText('Timer 1 counted from'), { target: { value: 'entered' } });
    // The activity entity's formal list is suggested (other values may still be typed).
    const typeInput = timer.getByLabelText('Timer 1 cancelling activity type');
    const suggested = document.getElementById(typeInput.getAttribute('list') ?? '');
    expect([...(suggested?.querySelectorAll('option') ?? [])].map((o) => o.value)).toContain('meeting');
    type(typeInput, 'call');
    expect(stage().timers?.[0]).toEqual({
      ...original.timers?.[0],
      after: 'P3D',
      basis: 'entered',
      unlessActivity: { type: 'call' },
      businessTime: undefined,
    });
    expect('businessTime' in (stage().timers?.[0] ?? {})).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: '+ Timer' }));
    const added = stage().timers?.[2];
    expect(added).toEqual({
      id: 'timer',
      label: 'Reminder',
      after: 'P2D',
      basis: 'lastActivity',
      actions: [{ type: 'notify', to: { type: 'owner' }, message: 'Please have a look at this record.' }],
    });
    const third = within(screen.getByRole('group', { name: 'Timer 3' }));
    fireEvent.change(third.getByLabelText('Add timer 3 action'), { target: { value: 'sendMail' } });
    expect(stage().timers?.[2]?.actions.map((a) => a.type)).toEqual(['notify', 'sendMail']);
    fireEvent.click(screen.getByLabelText('Remove timer 2'));
    expect(stage().timers?.map((t) => t.id)).toEqual(['remind_owner_idle', 'timer']);

    expect(get().steps()).toBe(7);
    undoAll(7);
    expect(stage()).toEqual(original);
    redoAll(7);
    expect(stage().timers?.map((t) => t.id)).toEqual(['remind_owner_idle', 'timer']);
  });

  it('never reuses the id of a timer of another stage', () => {
    const withTimer: ProcessDefinition = {
      ...pipeline,
      nodes: pipeline.nodes.map((n) =>
        n.id === 'negotiation' && n.type === 'stage'
          ? { ...n, timers: [{ ...n.timers![0]!, id: 'timer' }] }
          : n,
      ),
    };
    const probe: { current?: HarnessProbe } = {};
    render(
      <PropertiesHarness
        initial={withTimer}
        workspace={workspace}
        select={{ nodes: ['qualification'], edges: [] }}
        probe={probe}
      />,
    );
    act(() => fireEvent.click(screen.getByRole('button', { name: '+ Timer' })));
    const qualification = probe.current!.current().nodes.find((n) => n.id === 'qualification') as StageNode;
    expect(qualification.timers?.[2]?.id).toBe('timer_2');
  });
});
