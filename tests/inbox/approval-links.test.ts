// An approval request mails each approver it asks, over a real SMTP server, with a personal link to
// decide without signing in. The link is checked like a credential (unknown, tampered, expired,
// a deactivated user: 404), and deciding through it runs every check of the inbox for its user.
import type { ApprovalLinkView, NotificationView } from '@crm/definitions';
import { startSmtpServer, type Mailbox, type SmtpService } from '@crm/devservices';
import request from 'supertest';
import { discountApproval, instanceOf } from '../support/process-requests';
import { queryDatabase } from '../support/test-database';
import type { TestPlatform } from '../support/test-platform';
import {
  dealOf,
  newKey,
  type RecordingGateway,
  startInboxWorld,
  stopInboxWorld,
  type InboxWorld,
} from './inbox-support';

const PUBLIC_URL = 'https://crm.example.test';
const LINK = /https:\/\/crm\.example\.test\/app\/#\/approval-link\/([A-Za-z0-9_-]{43})/;

let smtp: SmtpService;
let mailbox: Mailbox;
let t: TestPlatform;
let gateway: RecordingGateway;
let withGateway: InboxWorld['withGateway'];
let ports: InboxWorld['ports'];
let agents: InboxWorld['agents'];

beforeAll(async () => {
  smtp = await startSmtpServer();
  if (!smtp.mailbox) throw new Error('the test SMTP server keeps no mailbox');
  mailbox = smtp.mailbox;
  ({ t, gateway, withGateway, ports, agents } = await startInboxWorld(['rep', 'manager', 'director'], {
    smtpUrl: smtp.url,
    publicUrl: PUBLIC_URL,
  }));
});
afterAll(async () => {
  await stopInboxWorld({ t, withGateway });
  await smtp?.stop();
});

const anonymous = () => request(withGateway.app);
const mailsTo = (name: string) => mailbox.list().filter((m) => m.to.includes(`${name}@example.test`));

/** A discount approval on a new deal of the rep, asked of the level's approver; its mailed link. */
async function asked(name: string, level: 0 | 1 = 0) {
  const deal = await dealOf(agents.rep, name, { amount: { amount: 80000, currency: 'EUR' }, discount: 30 });
  const key = newKey('approval');
  await ports.approvals.request(discountApproval(instanceOf(deal.id), key, { level }));
  const approver = level === 0 ? 'manager' : 'director';
  const mail = await mailbox.waitFor(
    (m) => m.to.includes(`${approver}@example.test`) && m.text.includes(name),
  );
  const token = LINK.exec(mail.text)?.[1];
  if (token === undefined) throw new Error(`no decision link in ${mail.text}`);
  return { deal, key, mail, token };
}

describe('approval request mail', () => {
  it("mails the owner's manager once, with the reason and a personal link, and notifies in the app", async () => {
    const { deal, key, mail } = await asked('Mailed deal');
    expect(mail.subject).toBe('Approval needed: Discount approval – Sales manager – Mailed deal');
    expect(mail.text).toMatch(
      /Deal “Mailed deal” waits for your decision: Discount approval – Sales manager\./,
    );
    expect(mail.text).toMatch(/Why: .*Discount/);
    expect(mail.text).toContain(`Or open your approvals: ${PUBLIC_URL}/app/#/approvals`);
    // Nobody else is asked at this level.
    expect(mailsTo('director').filter((m) => m.text.includes('Mailed deal'))).toHaveLength(0);
    const notices = (await agents.manager.get('/api/notifications?unread=true').expect(200)).body
      .items as NotificationView[];
    expect(notices.find((n) => n.recordId === deal.id)?.message).toBe(
      'Approval needed: Discount approval – Sales manager.',
    );

    // A replayed request (the same key) sends nothing more; a new request of the same approval (an
    // escalation to the same person) neither: they have their link already.
    await ports.approvals.request(discountApproval(instanceOf(deal.id), key));
    await ports.approvals.request(
      discountApproval(instanceOf(deal.id), key, { approver: { type: 'user', userId: t.users.manager.id } }),
    );
    const again = discountApproval(instanceOf(deal.id), key);
    await ports.approvals.request({ ...again, key: newKey('escalation') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo('manager').filter((m) => m.text.includes('Mailed deal'))).toHaveLength(1);
  });

  it('mails every member of a role level', async () => {
    const { mail } = await asked('Director deal', 1);
    expect(mail.subject).toBe('Approval needed: Discount approval – Sales director – Director deal');
  });
});

describe('deciding through the link', () => {
  it('shows the request to the link holder without a sign-in, and decides it as them once', async () => {
    const { deal, token } = await asked('Link deal');
    const shown = (await anonymous().get(`/api/approval-links/${token}`).expect(200))
      .body as ApprovalLinkView;
    expect(shown).toMatchObject({
      approver: { id: t.users.manager.id, name: 'manager' },
      approval: { status: 'pending', canDecide: true, record: { id: deal.id, title: 'Link deal' } },
    });

    // A rejection needs a comment, as in the inbox; nothing reaches the process without one.
    const refused = await anonymous()
      .post(`/api/approval-links/${token}/decision`)
      .send({ decision: 'rejected' })
      .expect(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'comment', rule: 'commentRequired' }),
    ]);
    await anonymous().post(`/api/approval-links/${token}/decision`).send({ decision: 'maybe' }).expect(400);

    const decided = await anonymous()
      .post(`/api/approval-links/${token}/decision`)
      .send({ decision: 'approved', comment: 'Fine by me' })
      .expect(200);
    expect((decided.body as ApprovalLinkView).approval).toMatchObject({
      status: 'approved',
      decision: { by: t.users.manager.id, comment: 'Fine by me' },
    });
    expect(gateway.calls.filter((call) => call.key.recordId === deal.id)).toEqual([
      expect.objectContaining({
        method: 'decideApproval',
        actorId: t.users.manager.id,
        args: expect.objectContaining({ decision: 'approved', comment: 'Fine by me' }),
      }),
    ]);
    const [audit] = await queryDatabase<{ actor_id: string; after: Record<string, unknown> }>(
      t.database.url,
      "SELECT actor_id::text, after FROM audit_log WHERE action = 'approval.decide' AND subject_id = $1",
      [deal.id],
    );
    expect(audit).toMatchObject({ actor_id: t.users.manager.id, after: { via: 'mail link' } });

    // The link still shows the outcome, but decides nothing more.
    await anonymous()
      .post(`/api/approval-links/${token}/decision`)
      .send({ decision: 'rejected', comment: 'No' })
      .expect(409);
    expect((await anonymous().get(`/api/approval-links/${token}`).expect(200)).body.approval.status).toBe(
      'approved',
    );
  });

  it('refuses a tampered, malformed, unknown or expired link, and one of a deactivated user, alike', async () => {
    const { token } = await asked('Guarded deal');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const forwarded = gateway.calls.length;
    for (const bad of [tampered, 'short', `${token}x`, 'A'.repeat(43)]) {
      const res = await anonymous().get(`/api/approval-links/${bad}`).expect(404);
      expect(res.body.detail).toBe('This approval link is not valid or has expired.');
      await anonymous()
        .post(`/api/approval-links/${bad}/decision`)
        .send({ decision: 'approved' })
        .expect(404);
    }
    expect(gateway.calls).toHaveLength(forwarded);

    await queryDatabase(t.database.url, "UPDATE approval_links SET expires_at = now() - interval '1 second'");
    await anonymous().get(`/api/approval-links/${token}`).expect(404);
    await queryDatabase(t.database.url, "UPDATE approval_links SET expires_at = now() + interval '1 day'");
    await anonymous().get(`/api/approval-links/${token}`).expect(200);

    await queryDatabase(t.database.url, 'UPDATE users SET active = false WHERE id = $1', [
      t.users.manager.id,
    ]);
    try {
      await anonymous()
        .post(`/api/approval-links/${token}/decision`)
        .send({ decision: 'approved' })
        .expect(404);
      expect(gateway.calls).toHaveLength(forwarded);
    } finally {
      await queryDatabase(t.database.url, 'UPDATE users SET active = true WHERE id = $1', [
        t.users.manager.id,
      ]);
    }
  });
});
