import {
  createAutomationLogPort,
  createMailPort,
  createNotificationPort,
  type MessagingPortDeps,
} from '@crm/api';
import { startSmtpServer, type Mailbox, type SmtpService } from '@crm/devservices';
import type { InstanceRef } from '@crm/workflows/contract';
import { accountData, createRecord } from '../support/fixtures';
import { instanceOf } from '../support/process-requests';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let smtp: SmtpService & { mailbox: Mailbox };
let t: TestPlatform;
let deps: MessagingPortDeps;
let rep: Agent;
let instance: InstanceRef;
let bareInstance: InstanceRef;

const count = async (sql: string, params: unknown[]) =>
  (await queryDatabase<{ n: number }>(t.database.url, sql, params))[0]?.n;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestPlatform({ smtpUrl: smtp.url });
  deps = { db: t.platform.db, services: t.platform.services };
  rep = await t.agent('rep');
  const account = await createRecord(rep, 'account', accountData({ name: 'Port Test GmbH' }));
  const contact = await createRecord(rep, 'contact', {
    first_name: 'Grace',
    last_name: 'Hopper',
    email: 'grace@porttest.test',
    account: account.id,
  });
  const deal = await createRecord(rep, 'deal', {
    name: 'Port deal',
    account: account.id,
    contact: contact.id,
    amount: { amount: 9_990.5, currency: 'USD' },
  });
  const bare = await createRecord(rep, 'deal', { name: 'Bare deal', account: account.id });
  instance = instanceOf(deal.id);
  bareInstance = instanceOf(bare.id);
});

afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

describe('MailPort', () => {
  it('sends once per key: a repeated call is a duplicate with one outbox row and one SMTP mail', async () => {
    const port = createMailPort(deps);
    const input = {
      instance,
      key: `${instance.workflowId}:proposal:follow_up_1`,
      nodeId: 'proposal',
      template: 'follow_up_1',
      to: { type: 'field' as const, field: 'contact.email' },
    };
    const first = await port.send(input);
    expect(first).toMatchObject({ status: 'sent' });
    const second = await port.send(input);
    expect(second).toEqual({ status: 'duplicate', messageId: first.messageId });

    const mail = await smtp.mailbox.waitFor((m) => m.messageId === first.messageId);
    expect(mail.to).toEqual(['grace@porttest.test']);
    expect(mail.subject).toBe('Re: our proposal for Port Test GmbH');
    expect(mail.text).toContain('Dear Grace,');
    expect(mail.text).toContain('our proposal Port deal.');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.mailbox.list().filter((m) => m.messageId === first.messageId)).toHaveLength(1);
    expect(
      await count('SELECT count(*)::int AS n FROM mail_outbox WHERE idempotency_key = $1', [input.key]),
    ).toBe(1);

    const rows = await queryDatabase<{
      origin: string;
      workflow_id: string;
      node_id: string;
      attempts: number;
    }>(
      t.database.url,
      'SELECT origin, workflow_id, node_id, attempts FROM mail_outbox WHERE idempotency_key = $1',
      [input.key],
    );
    expect(rows[0]).toEqual({
      origin: 'process',
      workflow_id: instance.workflowId,
      node_id: 'proposal',
      attempts: 1,
    });
  });

  it('resolves the owner and the owner’s manager to their addresses (text templates)', async () => {
    const port = createMailPort(deps);
    const result = await port.send({
      instance,
      key: `${instance.workflowId}:qualification:alert_manager_idle`,
      nodeId: 'qualification',
      template: 'manager_idle_alert',
      to: { type: 'ownerManager' },
    });
    const mail = await smtp.mailbox.waitFor((m) => m.messageId === result.messageId);
    expect(mail.to).toEqual(['manager@example.test']);
    expect(mail.subject).toBe('Stalled deal: Port deal (rep)');
    expect(mail.text).toContain('has had no logged activity for five working days in qualification.');
    expect(mail.html).toBeUndefined();
  });

  it('skips a mail without an address, with the reason, and stays skipped on repeat', async () => {
    const port = createMailPort(deps);
    const input = {
      instance: bareInstance,
      key: `${bareInstance.workflowId}:closed_lost:re_engagement`,
      nodeId: 'closed_lost',
      template: 'owner_idle_reminder',
      to: { type: 'field' as const, field: 'contact.email' },
    };
    const result = await port.send(input);
    expect(result).toEqual({
      status: 'skipped',
      reason: 'The record has no e-mail address in contact.email.',
    });
    expect(await port.send(input)).toEqual(result);
    const mails = await rep.get(`/api/records/deal/${bareInstance.recordId}/mails`).expect(200);
    expect(mails.body.items).toEqual([expect.objectContaining({ status: 'skipped', origin: 'process' })]);
  });
});

describe('NotificationPort', () => {
  it('notifies every user of a role once per key, visible only to them', async () => {
    const port = createNotificationPort(deps);
    const input = {
      instance,
      key: `${instance.workflowId}:qualification:notify-managers`,
      nodeId: 'qualification',
      to: { type: 'role' as const, role: 'manager' },
      message: 'Port deal has been idle for 5 days.',
    };
    await port.notify(input);
    await port.notify(input);
    expect(
      await count('SELECT count(*)::int AS n FROM notifications WHERE idempotency_key = $1', [input.key]),
    ).toBe(2);

    const manager = await t.agent('manager');
    const mine = await manager.get('/api/notifications').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ message: input.message, recordId: instance.recordId, readAt: null }),
    ]);
    const id = mine.body.items[0].id as string;
    expect((await rep.get('/api/notifications').expect(200)).body.items).toEqual([]);
    await rep.post(`/api/notifications/${id}/read`).expect(404);
    const read = await manager.post(`/api/notifications/${id}/read`).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await manager.get('/api/notifications?unread=true').expect(200)).body.items).toEqual([]);
  });

  it('mails the message to a recipient that is an address, once', async () => {
    const port = createNotificationPort(deps);
    const input = {
      instance,
      key: `${instance.workflowId}:notify-address`,
      nodeId: 'qualification',
      to: { type: 'address' as const, address: 'ops@example.test' },
      message: 'Please check the Port deal.',
    };
    await port.notify(input);
    await port.notify(input);
    const mail = await smtp.mailbox.waitFor((m) => m.to.includes('ops@example.test'));
    expect(mail.subject).toBe('Deal: Port deal');
    expect(mail.text.trim()).toBe('Please check the Port deal.');
    expect(
      await count('SELECT count(*)::int AS n FROM mail_outbox WHERE idempotency_key = $1', [
        `${input.key}:mail`,
      ]),
    ).toBe(1);
  });
});

describe('AutomationLogPort and the automation history', () => {
  it('stores one row per key and status, newest first, with the record’s visibility', async () => {
    const port = createAutomationLogPort(deps);
    const base = { instance, step: 'sendMail', nodeId: 'proposal' };
    await port.record({
      ...base,
      key: 'k-mail',
      status: 'failed',
      error: 'SMTP down',
      at: Date.parse('2026-05-04T09:00:00Z'),
    });
    await port.record({
      ...base,
      key: 'k-mail',
      status: 'failed',
      error: 'SMTP down',
      at: Date.parse('2026-05-04T09:00:00Z'),
    });
    await port.record({
      ...base,
      key: 'k-mail',
      status: 'completed',
      detail: { status: 'sent' },
      at: Date.parse('2026-05-04T09:01:00Z'),
    });
    await port.record({
      ...base,
      key: 'k-mail',
      status: 'completed',
      detail: { status: 'sent' },
      at: Date.parse('2026-05-04T09:01:00Z'),
    });

    const history = await rep.get(`/api/records/deal/${instance.recordId}/automation`).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        key: 'k-mail',
        status: 'completed',
        detail: { status: 'sent' },
        at: '2026-05-04T09:01:00.000Z',
      }),
      expect.objectContaining({ key: 'k-mail', status: 'failed', error: 'SMTP down', processVersion: 1 }),
    ]);
    const admin = await t.agent('admin');
    expect(
      (await admin.get(`/api/records/deal/${instance.recordId}/automation`).expect(200)).body.items,
    ).toHaveLength(2);
    const otherRep = await t.agent('otherRep');
    await otherRep.get(`/api/records/deal/${instance.recordId}/automation`).expect(404);
  });
});
