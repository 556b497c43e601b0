/// <reference lib="dom" />
// The whole sale in Chromium on the real engine (Temporal dev server, worker, PostgreSQL, SMTP): a
// rep takes a deal from qualification to proposal (refused first for a missing field, with the
// validator's reasons on screen), the proposal mail reaches the SMTP server, the rep asks for a
// 30 % discount by closing as won, the manager and then the director approve in their inboxes, the
// deal is won and the dashboard counts it. On the kanban, a second deal's drag is refused with the
// engine's reasons, then goes through once its checklist is ticked. Every user action goes through
// the UI; the API only sets the scene.
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { createMailboxRouter, type ReceivedMail } from '@crm/devservices';
import { accountData, createRecord, productData } from '../support/fixtures';
import { PASSWORD, type Agent, type UserName } from '../support/test-platform';
import {
  screenshots,
  ensureBuilt,
  launchBrowser,
  serveUi,
  signInAt,
  type UiServer,
} from '../support/browser';
import { eventuallyFor, startEngine, type EngineHarness } from '../engine/engine-harness';
import { dragCard, withPatientApprovals } from './sales-scenario-support';

jest.setTimeout(240_000);

const shot = screenshots('sales-scenario', { fullPage: true });

const BUYER = 'grace.hopper@example.test';

describe('a sale from qualification to won, in the browser on the real engine', () => {
  let h: EngineHarness;
  let server: UiServer;
  let browser: Browser;
  let rep: Agent;
  let dealId = '';
  let secondId = '';
  let contactId = '';
  let productId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = ensureBuilt('platform/runtime-ui');
    h = await startEngine();
    // The mailbox page of `npm start` next to the app, so the screenshots can show what arrived.
    const app = express();
    app.use(createMailboxRouter(h.smtp.mailbox));
    app.use(h.platform.app);
    server = await serveUi(app, '/app', dist);
    browser = await launchBrowser();

    await withPatientApprovals(await h.agent('analyst'), 'deal_pipeline');
    rep = await h.agent('rep');
    const account = await createRecord(
      rep,
      'account',
      accountData({
        name: 'Hopper Logistics',
        segment: 'corporate',
        corporate_employees: 400,
        offices_count: 3,
        equipment_in_use: ['erp'],
      }),
    );
    const contact = await createRecord(rep, 'contact', {
      first_name: 'Grace',
      last_name: 'Hopper',
      email: BUYER,
      account: account.id,
    });
    contactId = contact.id;
    const product = await createRecord(rep, 'product', productData({ name: 'Fleet CRM', code: 'FLT-100' }));
    productId = product.id;
    // No contact yet: leaving Qualification needs one, which is the first refusal the rep meets.
    const deal = await createRecord(rep, 'deal', { name: 'Hopper fleet roll-out', account: account.id });
    dealId = deal.id;
    const second = await createRecord(rep, 'deal', {
      name: 'Hopper spare parts',
      account: account.id,
      contact: contact.id,
      amount: { amount: 7000, currency: 'EUR' },
    });
    secondId = second.id;
    await eventuallyFor(h, dealId, async () =>
      (await rep.get(`/api/records/deal/${dealId}/process`)).status === 200 ? true : undefined,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
  });

  async function signIn(name: UserName): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
    await signInAt(page, `${server.url}/app/`, h.t.users[name].email, PASSWORD);
    return page;
  }

  const stagePanel = (page: Page) => page.getByRole('region', { name: 'Stage' });
  const currentStage = (page: Page, label: string) =>
    stagePanel(page).getByRole('heading', { name: label, level: 2 }).waitFor();

  async function tick(page: Page, labels: readonly string[]): Promise<void> {
    for (const label of labels) await stagePanel(page).getByRole('checkbox', { name: label }).check();
  }

  async function save(page: Page): Promise<void> {
    const form = page.getByRole('form', { name: 'Deal details' });
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  }

  const field = (page: Page, key: string) =>
    page.getByRole('form', { name: 'Deal details' }).locator(`[data-field="${key}"]`);

  const mailsTo = (address: string): readonly ReceivedMail[] =>
    h.smtp.mailbox.list().filter((m) => m.to.includes(address));

  let repPage: Page;

  it('takes the deal from qualification to proposal, refused first for a missing contact', async () => {
    repPage = await signIn('rep');
    const page = repPage;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Deals', exact: true })
      .click();
    await page.getByTestId('record-list').getByRole('link', { name: 'Hopper fleet roll-out' }).click();
    await page
      .getByTestId('record-page')
      .getByRole('heading', { name: 'Hopper fleet roll-out', level: 1 })
      .waitFor();
    await currentStage(page, 'Qualification');
    await shot(page, '01-qualification');

    await tick(page, [
      'Contact person identified and linked',
      'Checked the account is not already served by a colleague',
      'Segment parameters filled in on the client card',
    ]);
    await stagePanel(page)
      .getByRole('button', { name: /Qualified/ })
      .click();
    const refused = page.getByTestId('move-refused');
    await refused.waitFor();
    // The engine's validator names the missing field; the deal stays where it was.
    await refused
      .getByText(/Contact/)
      .first()
      .waitFor();
    await currentStage(page, 'Qualification');
    await shot(page, '02-refused-missing-contact');

    await field(page, 'contact').locator('select').selectOption(contactId);
    await save(page);
    await stagePanel(page)
      .getByRole('button', { name: /Qualified/ })
      .click();
    await currentStage(page, 'Needs analysis');
    await refused.waitFor({ state: 'detached' });

    await field(page, 'amount').locator('input').fill('48000');
    await field(page, 'budget').locator('input').fill('60000');
    await field(page, 'timeline').locator('select').selectOption('this_quarter');
    await field(page, 'decision_maker').locator('input').fill('Grace Hopper (COO)');
    await field(page, 'pains').locator('textarea').fill('Dispatch runs on spreadsheets.');
    await save(page);
    await shot(page, '03-needs-card-filled');
    // The needs meeting's logged result moves the deal on (the transition's activity trigger).
    const log = page.getByRole('form', { name: 'Log a communication' });
    await log.getByLabel('Type').selectOption('meeting');
    await log.getByLabel('Topic').selectOption('needs_analysis');
    await log.getByLabel('Result').selectOption('needs_identified');
    await log.getByLabel('Participants (comma separated)').fill('Grace Hopper');
    await log.getByRole('button', { name: 'Log' }).click();
    await currentStage(page, 'Proposal');
    await shot(page, '04-proposal');
  });

  it('mails the proposal for the account’s segment to the contact', async () => {
    const proposal = await eventuallyFor(h, dealId, async () =>
      mailsTo(BUYER).find((m) => m.subject.startsWith('Our proposal for Hopper Logistics')),
    );
    expect(proposal.subject).toBe('Our proposal for Hopper Logistics: Hopper fleet roll-out');
    expect(proposal.html ?? proposal.text).toMatch(/Dispatch runs on spreadsheets/);
    const mailbox = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await mailbox.goto(`${server.url}/dev/mailbox`);
    await mailbox.getByText('Our proposal for Hopper Logistics: Hopper fleet roll-out').first().waitFor();
    await shot(mailbox, '05-mailbox-proposal');
    await mailbox.close();
  });

  it('asks for a 30 % discount by closing as won, which waits for the approvals', async () => {
    const page = repPage;
    await field(page, 'primary_product').locator('select').selectOption(productId);
    await field(page, 'proposal_sent_date').locator('input').fill('2026-11-20');
    await save(page);
    await tick(page, ["Products of the segment's offer matrix selected"]);
    await stagePanel(page)
      .getByRole('button', { name: /Client responded/ })
      .click();
    await currentStage(page, 'Negotiation');

    await field(page, 'discount').locator('input').fill('30');
    await field(page, 'expected_close_date').locator('input').fill('2026-12-31');
    await save(page);
    await tick(page, ['Payment and delivery terms agreed', 'Contract sent for signature']);
    await shot(page, '06-negotiation');
    await stagePanel(page)
      .getByRole('button', { name: /Close as won/ })
      .click();
    // No transition is open while the approval runs: the stage panel says what the deal waits for.
    await page.getByTestId('awaiting-approval').getByText('Discount approval · Sales manager').waitFor();
    await currentStage(page, 'Negotiation');
    await shot(page, '07-waiting-for-approval');
  });

  async function approveInInbox(name: UserName, level: string, comment: string): Promise<void> {
    const page = await signIn(name);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals' }).click();
    const request = page.getByTestId('approval').filter({ hasText: 'Hopper fleet roll-out' });
    // The next level is requested by the engine after the previous decision: refresh until it is there.
    for (let attempt = 0; !(await request.isVisible()); attempt += 1) {
      if (attempt > 40) throw new Error(`no approval request for ${name}`);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    await request.getByText(level).first().waitFor();
    expect(await request.locator('.facts').textContent()).toMatch(/30 %/);
    await request.getByLabel(/Comment/).fill(comment);
    await shot(page, `08-${name}-inbox`);
    await request.getByRole('button', { name: 'Approve' }).click();
    // A decided request leaves the inbox and shows under "Decided".
    await request.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Decided' }).click();
    const decided = page.getByTestId('approval').filter({ hasText: 'Hopper fleet roll-out' });
    await decided.getByText(comment).waitFor();
    await shot(page, `09-${name}-decided`);
    await page.close();
  }

  /** Approves from the mail that asked for it: its personal link, in a browser that is not signed in. */
  async function approveByMailLink(name: UserName, level: string, comment: string): Promise<void> {
    const mail = await h.smtp.mailbox.waitFor(
      (m) => m.to.includes(h.t.users[name].email) && m.subject.includes('Hopper fleet roll-out'),
      60_000,
    );
    expect(mail.subject).toBe(`Approval needed: Discount approval – ${level} – Hopper fleet roll-out`);
    const token = /\/app\/#\/approval-link\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    if (token === undefined) throw new Error(`no decision link in the mail: ${mail.text}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Not signed in, the page asks only for the link's request: nothing answers 401 or fails.
    const refused: string[] = [];
    page.on('response', (r) => r.status() >= 400 && refused.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (e) => refused.push(e.message));
    await page.goto(`${server.url}/app/#/approval-link/${token}`);
    const card = page.getByTestId('approval-link');
    await card.getByText(`Deciding as ${name}.`).waitFor();
    const request = card.getByTestId('approval');
    await request.getByText(level).first().waitFor();
    expect(await request.locator('.facts').textContent()).toMatch(/30 %/);
    await request.getByLabel(/Comment/).fill(comment);
    await shot(page, `08-${name}-mail-link`);
    await request.getByRole('button', { name: 'Approve' }).click();
    await request.getByText(`“${comment}”`).waitFor();
    expect(await request.locator('.badge').textContent()).toBe('approved');
    await shot(page, `09-${name}-decided-by-link`);
    expect(refused).toEqual([]);
    await page.close();
  }

  it('the manager approves from the inbox, the director from the link in the mail that asked', async () => {
    await approveInInbox('manager', 'Sales manager', 'Fine for a fleet of this size.');
    await approveByMailLink('director', 'Sales director', 'Approved: strategic account.');
  });

  it('a kanban drag is refused with the engine’s reasons, and moves the deal once the checklist is ticked', async () => {
    await eventuallyFor(h, secondId, async () =>
      (await rep.get(`/api/records/deal/${secondId}/process`)).status === 200 ? true : undefined,
    );
    const page = await signIn('rep');
    const openBoard = () =>
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Deal pipeline', exact: true })
        .click();
    await openBoard();
    const board = page.getByTestId('kanban');
    const card = (stage: string) =>
      board.locator(`[data-stage="${stage}"] .kcard`, { hasText: 'Hopper spare parts' });
    await card('qualification').waitFor();
    await dragCard(page, 'Hopper spare parts', 'qualification', 'needs_analysis');
    // A drag cannot tick the stage's checklist: the engine names what is missing.
    const refusal = page.getByRole('alert').filter({ hasText: 'Hopper spare parts cannot move' });
    await refusal.waitFor();
    await refusal
      .getByText(/Tick .*Contact person identified and linked/)
      .first()
      .waitFor();
    await card('qualification').waitFor();
    await shot(page, '10-kanban-refused');
    expect(
      (await rep.get(`/api/records/deal/${secondId}/process`).expect(200)).body.currentStage.nodeId,
    ).toBe('qualification');

    // The ticks are kept by the running process: after ticking them on the record page, the drag goes through.
    await card('qualification').getByRole('link', { name: 'Hopper spare parts' }).click();
    await currentStage(page, 'Qualification');
    await tick(page, [
      'Contact person identified and linked',
      'Checked the account is not already served by a colleague',
      'Segment parameters filled in on the client card',
    ]);
    await openBoard();
    await card('qualification').waitFor();
    await dragCard(page, 'Hopper spare parts', 'qualification', 'needs_analysis');
    await card('needs_analysis').waitFor();
    await eventuallyFor(h, secondId, async () =>
      (await rep.get(`/api/records/deal/${secondId}/process`).expect(200)).body.currentStage.nodeId ===
      'needs_analysis'
        ? true
        : undefined,
    );
    // The board re-reads the stages after a move: the card must stay where it was dropped.
    await page.waitForTimeout(1000);
    expect(await card('qualification').count()).toBe(0);
    await card('needs_analysis').waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await card('needs_analysis').waitFor();
    expect(await card('qualification').count()).toBe(0);
    await shot(page, '10b-kanban-moved');
    await page.close();
  });

  it('the deal is won, the thank-you mail goes out and the dashboard counts it', async () => {
    // The rep's page has followed the approvals: it shows the outcome without a reload.
    const page = repPage;
    await currentStage(page, 'Closed won');
    await page.getByTestId('awaiting-approval').waitFor({ state: 'detached' });
    const pathList = page.getByRole('list', { name: 'Deal pipeline stages' });
    expect(await pathList.locator('[data-stage="closed_won"]').getAttribute('aria-current')).toBe('step');
    expect(await pathList.locator('[data-stage="negotiation"]').getAttribute('class')).toContain(
      'stage-done',
    );
    // The decided approvals, with the approvers' comments, and the proposal mail are in the timeline.
    const timeline = page.getByTestId('timeline');
    await timeline
      .getByText(/Fine for a fleet of this size/)
      .first()
      .waitFor();
    await timeline
      .getByText(/Approved: strategic account/)
      .first()
      .waitFor();
    await timeline
      .getByText(/Our proposal for Hopper Logistics/)
      .first()
      .waitFor();
    await shot(page, '11-won');
    await eventuallyFor(h, dealId, async () =>
      mailsTo(BUYER).find((m) => m.subject === 'Thank you, Hopper Logistics!'),
    );

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Deal pipeline dashboard' })
      .click();
    const dashboard = page.getByTestId('dashboard');
    const won = dashboard.locator('.kpi').filter({ hasText: 'Closed won' });
    await won.getByText('1', { exact: true }).waitFor();
    await shot(page, '12-dashboard');
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
