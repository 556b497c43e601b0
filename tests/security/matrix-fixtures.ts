import { createProcessPorts } from '@crm/api';
import type { Assignee } from '@crm/definitions';
import type { InstanceRef, ProcessPorts } from '@crm/workflows/contract';
import { accountData } from '../support/fixtures';
import { discountApproval, qualificationTask } from '../support/process-requests';
import { queryDatabase } from '../support/test-database';
import type { TestPlatform, UserName } from '../support/test-platform';

const PROCESS = 'deal_pipeline';

/**
 * Deals with what a running process leaves behind — tasks, approvals, notifications, automation
 * history — written through the same process ports the worker's activities call, so the routes
 * decide over real rows.
 */
export class ProcessFixtures {
  private readonly ports: ProcessPorts;
  private sequence = 0;

  constructor(private readonly t: TestPlatform) {
    this.ports = createProcessPorts({ db: t.platform.db, services: t.platform.services });
  }

  private key(what: string): string {
    return `matrix:${what}:${++this.sequence}:${Date.now()}`;
  }

  private async instance(recordId: string): Promise<InstanceRef> {
    const version = await this.t.platform.services.definitions.latest('process', PROCESS);
    return {
      workflowId: `process:${PROCESS}:${recordId}`,
      processKey: PROCESS,
      processVersion: version.version,
      recordId,
      entity: 'deal',
    };
  }

  /** A deal owned by `owner`, with its account and a contact to address mail to. */
  async deal(owner: UserName): Promise<string> {
    const { records } = this.t.platform.services;
    const admin = this.t.actors.admin;
    const ownerId = { ownerId: this.t.users[owner].id };
    const n = ++this.sequence;
    const account = await records.create(
      admin,
      'account',
      accountData({ name: `Matrix deal account ${n}` }),
      ownerId,
    );
    const contact = await records.create(
      admin,
      'contact',
      { first_name: 'Grace', last_name: `Hopper ${n}`, email: `grace${n}@example.test`, account: account.id },
      ownerId,
    );
    const deal = await records.create(
      admin,
      'deal',
      {
        name: `Matrix deal ${n}`,
        account: account.id,
        contact: contact.id,
        amount: { amount: 80_000, currency: 'EUR' },
        discount: 30,
      },
      ownerId,
    );
    // What a process run leaves in the automation history of the deal.
    await this.ports.automation.record({
      instance: await this.instance(deal.id),
      key: this.key('automation'),
      step: 'stage:qualification',
      nodeId: 'qualification',
      status: 'completed',
      at: Date.now(),
    });
    return deal.id;
  }

  /** An open process task on a deal of `owner`, assigned to the owner. */
  async task(owner: UserName, blocking = false): Promise<string> {
    const dealId = await this.deal(owner);
    const taskId = this.key('task');
    await this.ports.tasks.create(
      qualificationTask(
        await this.instance(dealId),
        taskId,
        { type: 'owner' },
        {
          title: 'Call the client back',
          dueAt: Date.parse('2030-01-01T09:00:00Z'),
          blocking,
        },
      ),
    );
    const [row] = await queryDatabase<{ id: string }>(
      this.t.database.url,
      'SELECT id FROM tasks WHERE idempotency_key = $1',
      [taskId],
    );
    if (!row) throw new Error('the task port stored no task');
    return row.id;
  }

  /** A pending discount approval on a deal of `owner`, asked of `approver`. */
  async approval(owner: UserName, approver: Assignee): Promise<{ id: string; recordId: string }> {
    const dealId = await this.deal(owner);
    const approvalId = this.key('approval');
    await this.ports.approvals.request(
      discountApproval(await this.instance(dealId), approvalId, {
        approver,
        deadline: Date.parse('2030-01-01T12:00:00Z'),
      }),
    );
    const [row] = await queryDatabase<{ id: string }>(
      this.t.database.url,
      'SELECT id FROM approvals WHERE approval_id = $1',
      [approvalId],
    );
    if (!row) throw new Error('the approval port stored no approval');
    return { id: row.id, recordId: dealId };
  }

  /** An unread in-app reminder the process sent to the owner of a deal of `owner`. */
  async notification(owner: UserName): Promise<string> {
    const dealId = await this.deal(owner);
    const key = this.key('notification');
    await this.ports.notifications.notify({
      instance: await this.instance(dealId),
      key,
      nodeId: 'qualification',
      to: { type: 'owner' },
      message: 'The deal has been idle for a week.',
    });
    const [row] = await queryDatabase<{ id: string }>(
      this.t.database.url,
      'SELECT id FROM notifications WHERE idempotency_key = $1',
      [key],
    );
    if (!row) throw new Error('the notification port stored no notification');
    return row.id;
  }
}
