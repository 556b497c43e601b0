import type { Solution } from '@crm/definitions';
import { validateDefinition } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { contractRenewalProcess } from './contract-renewal.fixture';
import type { CalendarDefinition, ProcessDefinition } from './definition-types';
import type { RecordView } from './record-view';
import { simulate } from './simulate';
import type { SimulationScriptEntry } from './simulation-types';
import { isFinished } from './state';

const DAY = 24 * 3600 * 1000;
/** Monday 5 January 2026, 08:00 UTC (09:00 in Berlin). */
const MONDAY = Date.UTC(2026, 0, 5, 8);

let solution: Solution;
let pipeline: ProcessDefinition;
let calendar: CalendarDefinition;

beforeAll(async () => {
  solution = await loadSolutionFromDirectory(`${__dirname}/../../../../definitions/solutions/b2b-sales`);
  const found = solution.processes.find((process) => process.key === 'deal_pipeline');
  const office = solution.calendars?.find((candidate) => candidate.key === found?.calendar);
  if (found === undefined || office === undefined)
    throw new Error('The B2B solution has no deal pipeline with its calendar.');
  pipeline = found;
  calendar = office;
});

function deal(segment: string, discount: number): RecordView {
  return {
    data: { name: 'Conveyor upgrade', ownerId: 'rep-1', account: 'acc-1', contact: 'con-1', discount },
    related: {
      account: {
        segment,
        annual_turnover: { amount: 2_000_000, currency: 'EUR' },
        sales_reps_count: 12,
        clients_count: 300,
        warehouse_area: 5000,
        corporate_employees: 800,
        offices_count: 4,
        equipment_in_use: ['erp'],
        small_business_employees: 25,
        annual_revenue: { amount: 3_000_000, currency: 'EUR' },
      },
      contact: { email: 'buyer@example.com' },
    },
    ownerManagerId: 'manager-1',
  };
}

const needsCard = {
  budget: { amount: 50_000, currency: 'EUR' },
  decision_maker: 'CFO',
  timeline: 'this_quarter',
  pains: 'Downtime',
};
const proposalFields = {
  amount: { amount: 48_000, currency: 'EUR' },
  primary_product: 'prod-1',
  proposal_sent_date: '2026-01-09',
  expected_close_date: '2026-03-31',
};

/** Qualification → needs analysis → proposal (by a logged meeting) → negotiation. */
const toNegotiation: SimulationScriptEntry[] = [
  { after: 'PT2H', event: { type: 'moveRequested', target: 'needs_analysis' } },
  { after: 'P1D', event: { type: 'recordChanged', set: needsCard } },
  { after: 'PT3H', event: { type: 'activityLogged', activityType: 'meeting', result: 'needs_identified' } },
  { after: 'P1D', event: { type: 'activityLogged', activityType: 'mail', result: 'reply_received' } },
  { after: 'PT1H', event: { type: 'moveRequested', target: 'negotiation', set: proposalFields } },
];

describe('simulation of the shipped B2B deal pipeline', () => {
  it('runs a won deal with a two-level discount approval, in well under a second', () => {
    const started = performance.now();
    const result = simulate(
      pipeline,
      deal('distributor', 30),
      [
        ...toNegotiation,
        { after: 'P1D', event: { type: 'moveRequested', target: 'closed_won' } },
        {
          after: 'PT4H',
          event: { type: 'approvalDecided', nodeId: 'discount_approval', decision: 'approved' },
        },
        {
          after: 'PT4H',
          event: { type: 'approvalDecided', nodeId: 'discount_approval', decision: 'approved' },
        },
      ],
      { startAt: MONDAY, calendar, entities: solution.entities },
    );
    expect(performance.now() - started).toBeLessThan(1000);

    expect(result.rejected).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.path.map((visit) => visit.nodeId)).toEqual([
      'start',
      'qualification',
      'needs_analysis',
      'proposal',
      'negotiation',
      'discount_check',
      'discount_approval',
      'closed_won',
    ]);
    expect(result.mails.map((mail) => mail.template)).toEqual(['proposal_distributor', 'thank_you']);
    expect(result.approvals.map((approval) => [approval.levelId, approval.approver])).toEqual([
      ['manager', { type: 'ownerManager' }],
      ['director', { type: 'role', role: 'director' }],
    ]);
    expect(result.tasks.map((task) => task.title)).toEqual([
      'Qualification call with the client',
      'Start the onboarding',
    ]);
    expect(result.updates).toEqual([
      expect.objectContaining({
        target: 'account',
        set: { customer_status: 'customer', lifecycle: 'customer' },
      }),
    ]);
    expect(result.status).toBe('completed');
    expect(result.outcome).toBe('won');
    expect(isFinished(result.finalState)).toBe(true);
  });

  it('chooses the proposal template by segment and sends the follow-ups when no reply comes', () => {
    const script = toNegotiation.filter(
      (entry) => entry.event?.type !== 'activityLogged' || entry.event.result !== 'reply_received',
    );
    const result = simulate(pipeline, deal('corporate', 5), script.slice(0, 3), {
      startAt: MONDAY,
      calendar,
      until: MONDAY + 30 * DAY,
    });
    expect(result.mails.map((mail) => mail.template)).toEqual([
      'proposal_corporate',
      'follow_up_1',
      'follow_up_2',
    ]);
    const proposalSent = result.mails[0]?.at ?? 0;
    expect(result.mails.map((mail) => (mail.at - proposalSent) / DAY)).toEqual([0, 3, 7]);
    expect(result.tasks.map((task) => task.title)).toContain('Call the client about the proposal');
    expect(result.finalState.currentStage).toBe('proposal');
  });

  it('refuses to leave a stage with missing fields, naming them all', () => {
    const result = simulate(
      pipeline,
      { ...deal('distributor', 0), related: { account: {}, contact: { email: 'x@example.com' } } },
      [{ after: 'PT1H', event: { type: 'moveRequested', target: 'needs_analysis' } }],
      { startAt: MONDAY, calendar, entities: solution.entities, until: MONDAY },
    );
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.reasons.join(' ')).toContain('Account › Segment');
    expect(result.rejected[0]?.reasons.length).toBeGreaterThanOrEqual(2);
    expect(result.finalState.currentStage).toBe('qualification');
  });

  it('returns a rejected discount to negotiation with the comment, and wins on the second request', () => {
    const result = simulate(
      pipeline,
      deal('small_business', 15),
      [
        ...toNegotiation,
        { after: 'P1D', event: { type: 'moveRequested', target: 'closed_won' } },
        {
          after: 'PT2H',
          event: { type: 'approvalDecided', nodeId: 'discount_approval', decision: 'rejected' },
        },
        {
          after: 'PT1H',
          event: {
            type: 'approvalDecided',
            nodeId: 'discount_approval',
            decision: 'rejected',
            comment: 'Max 10 %',
          },
        },
        { after: 'PT1H', event: { type: 'moveRequested', target: 'closed_won', set: { discount: 8 } } },
      ],
      { startAt: MONDAY, calendar, entities: solution.entities },
    );
    expect(result.rejected.map((entry) => entry.reasons)).toEqual([
      ['Give a reason when you reject this request.'],
    ]);
    expect(result.path.map((visit) => visit.nodeId).slice(-5)).toEqual([
      'discount_check',
      'discount_approval',
      'negotiation',
      'discount_check',
      'closed_won',
    ]);
    expect(result.finalState.log).toContainEqual(
      expect.objectContaining({ kind: 'approvalDecided', comment: 'Max 10 %' }),
    );
    expect(result.outcome).toBe('won');
  });

  it('escalates an undecided approval and reminds before', () => {
    const result = simulate(
      pipeline,
      deal('distributor', 15),
      [...toNegotiation, { after: 'P1D', event: { type: 'moveRequested', target: 'closed_won' } }],
      { startAt: MONDAY, calendar, until: MONDAY + 40 * DAY },
    );
    expect(result.notifications.map((note) => note.message)).toContainEqual(
      expect.stringContaining('Reminder'),
    );
    expect(result.approvals.map((approval) => approval.approver)).toEqual([
      { type: 'ownerManager' },
      { type: 'role', role: 'director' },
    ]);
    expect(result.finalState.approvals[0]).toMatchObject({ reminded: true, escalated: true });
  });

  it('reminds an idle owner, then alerts the manager', () => {
    const result = simulate(pipeline, deal('distributor', 0), [], {
      startAt: MONDAY,
      calendar,
      until: MONDAY + 60 * DAY,
    });
    expect(result.mails.map((mail) => mail.template)).toEqual(['owner_idle_reminder', 'manager_idle_alert']);
    expect(result.mails[0]?.to).toEqual({ type: 'owner' });
    expect(result.mails[1]?.to).toEqual({ type: 'ownerManager' });
  });

  it('closes a lost deal and sends the re-engagement mail 90 days later', () => {
    const result = simulate(
      pipeline,
      deal('distributor', 0),
      [
        { after: 'P1D', event: { type: 'moveRequested', target: 'closed_lost' } },
        {
          after: 'PT1H',
          event: { type: 'moveRequested', target: 'closed_lost', set: { lost_reason: 'price' } },
        },
      ],
      { startAt: MONDAY, calendar, entities: solution.entities },
    );
    expect(result.rejected[0]?.reasons).toEqual(['Fill in "Lost reason" to move to Closed lost.']);
    const lostAt = result.path.at(-1)?.at ?? 0;
    expect(result.path.at(-1)?.nodeId).toBe('closed_lost');
    expect(result.mails.map((mail) => [mail.template, (mail.at - lostAt) / DAY])).toEqual([
      ['re_engagement', 90],
    ]);
    expect(result.outcome).toBe('lost');
    expect(isFinished(result.finalState)).toBe(true);
  });
});

describe('simulation of a process from another industry (maintenance contract renewal)', () => {
  const contract: RecordView = {
    data: { ownerId: 'tech-1', end_date: '2026-06-30', tier: 'premium', price_increase: 15, new_price: 1200 },
    related: { customer: { email: 'plant@example.com' } },
    ownerManagerId: 'lead-1',
  };

  it('is a valid process definition by the shared graph rules', () => {
    expect(validateDefinition('process', contractRenewalProcess)).toEqual([]);
  });

  it('waits for the notice date, prepares in parallel, asks both approvals and renews after the signature', () => {
    const noticeDay = Date.UTC(2026, 5, 30) - 60 * DAY;
    const result = simulate(
      contractRenewalProcess,
      contract,
      [
        { at: noticeDay + DAY, event: { type: 'taskCompleted', nodeId: 'usage_review' } },
        { after: 'PT1H', event: { type: 'approvalDecided', nodeId: 'price_approval', decision: 'approved' } },
        { after: 'PT1H', event: { type: 'approvalDecided', nodeId: 'price_approval', decision: 'approved' } },
        { after: 'P2D', event: { type: 'activityLogged', activityType: 'meeting', result: 'accepted' } },
        { after: 'P1D', event: { type: 'recordChanged', set: { signed_contract: 'file-1' } } },
      ],
      { startAt: MONDAY },
    );
    expect(result.rejected).toEqual([]);
    expect(result.path.map((visit) => visit.nodeId)).toEqual([
      'start',
      'wait_notice',
      'prepare',
      'usage_review',
      'notice_mail',
      'mark_notified',
      'prepared',
      'prepared',
      'price_approval',
      'offer',
      'await_signature',
      'renewed',
    ]);
    expect(result.path[2]?.at).toBe(noticeDay);
    expect(result.mails.map((mail) => mail.template)).toEqual(['renewal_notice_premium', 'renewal_offer']);
    expect(result.approvals.map((approval) => approval.levelId)).toEqual(['service_manager', 'finance']);
    expect(result.finalState.record.data.renewal_status).toBe('renewed');
    expect(result.outcome).toBe('won');
  });

  it('loops back to the offer when the signature does not come in time, and skips a small price increase approval', () => {
    const result = simulate(
      contractRenewalProcess,
      { ...contract, data: { ...contract.data, price_increase: 3, tier: 'basic' } },
      [
        { at: Date.UTC(2026, 4, 2), event: { type: 'taskCompleted', nodeId: 'usage_review' } },
        { after: 'P1D', event: { type: 'activityLogged', activityType: 'meeting', result: 'accepted' } },
        {
          after: 'P20D',
          event: { type: 'moveRequested', target: 'churned', set: { churn_reason: 'budget' } },
        },
      ],
      { startAt: MONDAY, until: Date.UTC(2026, 7, 1) },
    );
    expect(result.approvals).toEqual([]);
    expect(result.path.map((visit) => visit.nodeId).slice(-4)).toEqual([
      'offer',
      'await_signature',
      'offer',
      'churned',
    ]);
    expect(result.edges).toContain('e_no_signature');
    expect(result.mails.map((mail) => mail.template)).toEqual([
      'renewal_notice',
      'renewal_offer',
      'renewal_offer',
    ]);
    expect(result.outcome).toBe('lost');
    expect(result.finalState.timers).toHaveLength(1);
  });
});
