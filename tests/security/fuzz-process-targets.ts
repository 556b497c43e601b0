import fc from 'fast-check';
import { createProcessPorts } from '@crm/api';
import type { Response } from 'supertest';
import { discountApproval, instanceOf, qualificationTask } from '../support/process-requests';
import { queryDatabase } from '../support/test-database';
import type { TestPlatform } from '../support/test-platform';
import { mutationsOf, nastyString, nastyValue } from './fuzz-arbitraries';
import { verdict } from './fuzz-support';

/** Real rows the new POST routes act on: a rep's deal, a task on it, an approval asked of admins. */
export interface ProcessTargets {
  dealId: string;
  taskId: string;
  approvalId: string;
  userIds: string[];
  process: unknown;
}

/** Builds the targets through the records service and the process ports (as a running process would). */
export async function createProcessTargets(t: TestPlatform, dealId: string): Promise<ProcessTargets> {
  const ports = createProcessPorts({ db: t.platform.db, services: t.platform.services });
  const published = await t.platform.services.definitions.latest('process', 'deal_pipeline');
  const instance = instanceOf(dealId, { version: published.version });
  const deal = await t.platform.services.records.findVisible(t.actors.rep, 'deal', dealId);
  await ports.tasks.create(
    qualificationTask(instance, 'fuzz:task', { type: 'owner' }, { title: 'Fuzzed task' }),
  );
  // Asked of the admin role, so the fuzzing admin passes every check up to the process engine.
  await ports.approvals.request(
    discountApproval(instance, 'fuzz:approval', { approver: { type: 'role', role: 'admin' } }),
  );
  const [taskRow] = await queryDatabase<{ id: string }>(
    t.database.url,
    "SELECT id FROM tasks WHERE idempotency_key = 'fuzz:task'",
  );
  const [approvalRow] = await queryDatabase<{ id: string }>(
    t.database.url,
    "SELECT id FROM approvals WHERE approval_id = 'fuzz:approval'",
  );
  if (!taskRow || !approvalRow) throw new Error('the process ports stored no task or approval');
  return {
    dealId: deal.id,
    taskId: taskRow.id,
    approvalId: approvalRow.id,
    userIds: Object.values(t.users).map((u) => u.id),
    process: published.content,
  };
}

/** A value of the right kind most of the time, anything at all otherwise. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good as fc.Arbitrary<unknown> }, nastyValue);

/** One POST to a new route, with its body: the right envelope with wrong values, or anything. */
export function processRequest(targets: ProcessTargets): fc.Arbitrary<{ path: string; body: unknown }> {
  const id = (real: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(real) }, // Node refuses over-long request lines before the app sees them.
      nastyString.map((v) => encodeURIComponent(Buffer.from(v.slice(0, 100)).toString())),
    );
  const user = mostly(fc.constantFrom(...targets.userIds));
  const target = (path: fc.Arbitrary<string>, body: fc.Arbitrary<unknown>) =>
    fc.record({ path, body: fc.oneof({ weight: 4, arbitrary: body }, nastyValue) });
  return fc.oneof(
    target(
      id(targets.dealId).map((d) => `/api/records/deal/${d}/mail`),
      fc.record(
        {
          template: mostly(fc.constantFrom('re_engagement', 'thank_you', 'owner_idle_reminder', 'nope')),
          to: fc.oneof(
            nastyValue,
            fc.record({
              type: mostly(fc.constantFrom('owner', 'ownerManager', 'role', 'user', 'field', 'address')),
              role: nastyValue,
              userId: user,
              field: mostly(fc.constantFrom('contact.email', 'account.email', 'name', 'nope.x')),
              address: mostly(fc.emailAddress()),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    target(
      fc
        .constantFrom('deal', 'account', 'nope')
        .chain((entity) => id(targets.dealId).map((d) => `/api/records/${entity}/${d}/tasks`)),
      fc.record(
        {
          title: mostly(nastyString),
          description: nastyValue,
          dueAt: mostly(fc.date().map(String)),
          assigneeId: user,
        },
        { requiredKeys: [] },
      ),
    ),
    target(
      id(targets.taskId).map((d) => `/api/tasks/${d}/complete`),
      nastyValue,
    ),
    target(
      id(targets.approvalId).map((d) => `/api/approvals/${d}/decision`),
      fc.record(
        { decision: mostly(fc.constantFrom('approved', 'rejected')), comment: mostly(nastyString) },
        { requiredKeys: [] },
      ),
    ),
    target(
      id(targets.approvalId).map((d) => `/api/approvals/${d}/delegate`),
      fc.record({ toUserId: user }, { requiredKeys: [] }),
    ),
    target(
      id(targets.dealId).map((d) => `/api/records/deal/${d}/process/move`),
      fc.record(
        {
          to: mostly(fc.constantFrom('needs_analysis', 'proposal', 'closed_lost', 'nope')),
          checkedItems: mostly(fc.array(nastyString, { maxLength: 3 })),
          process: mostly(fc.constantFrom('deal_pipeline', 'lead_qualification')),
        },
        { requiredKeys: [] },
      ),
    ),
    target(
      fc.constant('/api/processes/simulate'),
      fc.record(
        {
          process: fc.oneof(
            fc.record(
              { key: mostly(fc.constant('deal_pipeline')), version: nastyValue },
              { requiredKeys: [] },
            ),
            mutationsOf(targets.process),
          ),
          record: mostly(fc.dictionary(fc.constantFrom('name', 'discount', 'amount', 'account'), nastyValue)),
          related: nastyValue,
          ownerManagerId: nastyValue,
          script: mostly(
            fc.array(
              fc.record(
                {
                  after: mostly(fc.constantFrom('PT1H', 'P1D', 'P30D')),
                  at: nastyValue,
                  event: mostly(
                    fc.record({ type: mostly(fc.constantFrom('moveRequested', 'recordChanged')) }),
                  ),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
          ),
          startAt: nastyValue,
          until: nastyValue,
        },
        { requiredKeys: ['process', 'record'] },
      ),
    ),
  );
}

/**
 * A success, a client error as problem+json, or the one documented 503 of a platform without
 * a process engine or SMTP (a problem too) — never any other 5xx.
 */
export function processVerdict(res: Response): string {
  const body = res.body as { status?: unknown; title?: unknown } | undefined;
  const problem = String(res.headers['content-type'] ?? '').startsWith('application/problem+json');
  if (res.status === 503 && problem && body?.status === 503 && body.title === 'Service unavailable')
    return 'ok';
  return verdict(res);
}
