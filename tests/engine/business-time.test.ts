// Business time on the real engine: a second industry's process (lettings, from the valid test
// fixtures) runs on a Temporal dev server with a business calendar whose only working hours fall
// two days from now. Its task due date and idle timer are deadlines in working time, and the
// workflow's durable Temporal timer waits exactly until the working-time deadline.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addBusinessDuration, type BusinessCalendar } from '@crm/definitions';
import { temporal as proto } from '@temporalio/proto';
import { createRecord } from '../support/fixtures';
import type { Agent } from '../support/test-platform';
import { eventually, startEngine, type EngineHarness } from './engine-harness';

jest.setTimeout(120000);

const LETTINGS = path.resolve(__dirname, '../../definitions/test-fixtures/valid/lettings.solution.json');
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const DAY = 24 * 3600 * 1000;

interface StateView {
  currentStage?: { nodeId: string };
  timers: { nodeId: string; kind: string; fireAt: number; timerKey?: string }[];
  log: { kind: string; at: number; nodeId?: string }[];
}

describe('business-time deadlines on Temporal', () => {
  let h: EngineHarness;
  let rep: Agent;
  /** The only working day: two days from now (UTC), 09:00–17:00. */
  const workday = new Date(Date.now() + 2 * DAY);
  const calendar: BusinessCalendar = {
    timezone: 'UTC',
    workingHours: { [WEEKDAYS[workday.getUTCDay()] as string]: [{ start: '09:00', end: '17:00' }] },
    holidays: [],
  };
  const at = (hour: number) =>
    Date.UTC(workday.getUTCFullYear(), workday.getUTCMonth(), workday.getUTCDate(), hour);

  beforeAll(async () => {
    h = await startEngine();
    rep = await h.agent('rep');
    const solution = JSON.parse(await readFile(LETTINGS, 'utf8')) as {
      calendars: (BusinessCalendar & { key: string; label: string })[];
    };
    solution.calendars = solution.calendars.map((c) => ({ ...c, ...calendar }));
    await h.platform.services.definitions.importSolution(solution, h.t.actors.admin);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sets the task due date and the idle timer in working time, and Temporal waits for it', async () => {
    const property = await createRecord(rep, 'property', {
      address: '12 Canal Street',
      monthly_rent: { amount: 1800, currency: 'GBP' },
    });
    const applicant = await createRecord(rep, 'applicant', {
      full_name: 'Priya Shah',
      email: 'priya@example.test',
    });
    const letting = await createRecord(rep, 'letting', {
      name: 'Canal Street, Shah',
      property: property.id,
      applicant: applicant.id,
      tenancy_type: 'assured_shorthold',
    });
    const state = await eventually(async () => {
      const res = await rep.get(`/api/records/letting/${letting.id}/process`);
      const view = res.body as StateView;
      return res.status === 200 && view.timers.length > 0 ? view : undefined;
    });
    expect(state.currentStage?.nodeId).toBe('enquiry');

    // "Call the applicant" is due in 8 working hours: the whole of the only working day.
    const tasks = await eventually(async () => {
      const items = (await rep.get('/api/tasks?status=open&mine=true').expect(200)).body.items as {
        title: string;
        dueAt: string | null;
        record: { id: string } | null;
      }[];
      const found = items.filter((task) => task.record?.id === letting.id);
      return found.length > 0 ? found : undefined;
    });
    expect(tasks.map((task) => [task.title, task.dueAt])).toEqual([
      ['Call the applicant', new Date(at(17)).toISOString()],
    ]);

    // The idle timer (P2D in working days) counts from entering the stage, over working days only.
    const entered = state.log.find((entry) => entry.kind === 'entered' && entry.nodeId === 'enquiry');
    const idle = state.timers.find((timer) => timer.timerKey === 'enquiry_idle');
    expect(entered).toBeDefined();
    expect(idle?.fireAt).toBe(addBusinessDuration(entered?.at ?? 0, 'P2D', calendar));
    expect(idle?.fireAt).toBeGreaterThan(at(17) + 6 * DAY);

    // The workflow sleeps on a durable Temporal timer until that deadline (not a calendar-time one).
    const workflowId = `process:lettings_pipeline:${letting.id}`;
    const started = await eventually(async () => {
      const history = await h.temporal.client.workflow.getHandle(workflowId).fetchHistory();
      const timers = (history.events ?? []).filter(
        (event) => event.eventType === proto.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED,
      );
      return timers.length > 0 ? timers[timers.length - 1] : undefined;
    });
    const firesAt =
      Number(started.eventTime?.seconds ?? 0) * 1000 +
      Number(started.timerStartedEventAttributes?.startToFireTimeout?.seconds ?? 0) * 1000;
    const earliest = Math.min(...state.timers.map((timer) => timer.fireAt));
    expect(Math.abs(firesAt - earliest)).toBeLessThan(5000);
  });
});
