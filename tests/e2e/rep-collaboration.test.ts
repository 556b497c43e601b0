/// <reference lib="dom" />
// A rep's everyday collaboration in the runtime UI, against the real API and PostgreSQL: a saved
// and shared list view, comments in the record timeline, the process's reminders in the bell and
// on My tasks, and the main path (list → record → save → log a call) by keyboard alone, looked at
// at laptop (1280 px) and tablet (820 px) widths. Screenshots in test-artifacts/rep-collaboration.
import type { Browser, Locator, Page } from 'playwright-core';
import { createProcessPorts } from '@crm/api';
import { accountData, createRecord } from '../support/fixtures';
import { instanceOf } from '../support/process-requests';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';
import { createTestPlatform, PASSWORD, type TestPlatform, type UserName } from '../support/test-platform';

jest.setTimeout(240_000);

const shot = screenshots('rep-collaboration');

/** Presses Tab until `target` has the focus: proves it is reachable by keyboard, in tab order. */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with ${maxPresses} Tab presses: ${target.toString()}`);
}

/** The focused element shows a visible focus indicator. */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  });
}

describe('a rep working with others in the runtime UI', () => {
  let t: TestPlatform;
  let server: UiServer;
  let browser: Browser;
  let dealId: string;

  beforeAll(async () => {
    const dist = process.env.CRM_RUNTIME_UI_DIST ?? ensureBuilt('platform/runtime-ui');
    t = await createTestPlatform();
    server = await serveUi(t.platform.app, '/app', dist);
    browser = await launchBrowser();
    const rep = await t.agent('rep');
    const account = await createRecord(rep, 'account', accountData({ name: 'Lindqvist Logistik' }));
    const deal = await createRecord(rep, 'deal', {
      name: 'Lindqvist fleet rollout',
      account: account.id,
      amount: { amount: 64_000, currency: 'EUR' },
    });
    await createRecord(rep, 'deal', {
      name: 'Lindqvist pilot',
      account: account.id,
      amount: { amount: 2_500, currency: 'EUR' },
    });
    dealId = deal.id;
    await t.platform.services.processState.enterStage({
      recordId: dealId,
      processKey: 'deal_pipeline',
      nodeId: 'qualification',
      by: t.users.rep.id,
      idempotencyKey: 'collab:q',
    });
    // Two reminders the process sends the owner (an idle deal, a stalled approval).
    const ports = createProcessPorts({ db: t.platform.db, services: t.platform.services });
    const instance = instanceOf(dealId);
    for (const [key, message] of [
      ['collab:idle', 'Lindqvist fleet rollout has been idle for 2 working days.'],
      ['collab:call', 'Call the client back about the fleet rollout.'],
    ] as const)
      await ports.notifications.notify({
        instance,
        key,
        nodeId: 'qualification',
        to: { type: 'owner' },
        message,
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  async function signIn(name: UserName, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}/app/`);
    await page.getByLabel('E-mail').fill(t.users[name].email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  it('saves a filtered list as a shared view that a teammate can pick but not change', async () => {
    const page = await signIn('rep');
    await page.goto(`${server.url}/app/#/list/deal`);
    const list = page.getByTestId('record-list');
    await list.getByRole('link', { name: 'Lindqvist pilot' }).waitFor();
    await page.getByLabel('Filter field').selectOption('amount');
    await page.getByLabel('Filter operator').selectOption('gte');
    await page.getByLabel('Filter value').fill('10000');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await list.getByRole('link', { name: 'Lindqvist pilot' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Save as view…' }).click();
    await page.getByPlaceholder('View name').fill('Big deals');
    await page.getByLabel('Share with the team').check();
    await page.getByRole('button', { name: 'Save view', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved view “Big deals”.' }).waitFor();
    await shot(page, '01-view-saved-1280');

    // A fresh start shows everything; picking the view brings its filter back.
    await page.reload();
    await list.getByRole('link', { name: 'Lindqvist pilot' }).waitFor();
    await page.getByLabel('View').selectOption({ label: 'Big deals (shared)' });
    await list.getByRole('link', { name: 'Lindqvist pilot' }).waitFor({ state: 'detached' });
    await list.getByRole('link', { name: 'Lindqvist fleet rollout' }).waitFor();
    await page.getByLabel('Active filters').waitFor();

    // A teammate sees the shared view under the owner's name, may apply it, may not change it.
    const teammate = await signIn('teamRep');
    await teammate.goto(`${server.url}/app/#/list/deal`);
    const views = teammate.getByLabel('View');
    await views
      .locator('optgroup[label="Shared with the team"] option', { hasText: 'Big deals · rep' })
      .waitFor({
        state: 'attached',
      });
    await views.selectOption({ label: 'Big deals · rep' });
    await teammate.getByText('No deals match.').waitFor();
    expect(await teammate.getByRole('button', { name: 'Delete view' }).count()).toBe(0);
    await teammate.close();

    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted view “Big deals”.' }).waitFor();
    expect(await page.getByLabel('View').locator('option').allTextContents()).toEqual(['All records']);
    await page.close();
  });

  it('comments in the record timeline by keyboard, filters the timeline to comments', async () => {
    const page = await signIn('rep');
    await page.goto(`${server.url}/app/#/record/deal/${dealId}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Moved to Qualification').waitFor();
    const box = page.getByLabel('Comment', { exact: true });
    await tabTo(page, box);
    await page.keyboard.type('Fleet manager wants the rollout before the summer.');
    await page.keyboard.press('Control+Enter');
    await timeline.getByText('rep commented').waitFor();
    await timeline.getByText('Fleet manager wants the rollout before the summer.').waitFor();
    expect(await box.inputValue()).toBe('');
    // The box stops at the API's limit and says so.
    await box.fill('x'.repeat(4000));
    await timeline.getByText('0 characters left').waitFor();

    await timeline.getByRole('button', { name: /^Comments \(1\)/ }).click();
    expect(await timeline.getByTestId('timeline').locator('li').count()).toBe(1);
    await timeline.getByRole('button', { name: /^All/ }).click();
    expect(await timeline.getByTestId('timeline').locator('li').count()).toBeGreaterThan(1);
    await shot(page, '02-comment-in-timeline');
    await page.close();
  });

  it('shows the process reminders in the bell and on My tasks, and marks them read', async () => {
    const page = await signIn('rep');
    const bell = page.getByRole('button', { name: 'Notifications, 2 unread' });
    await bell.waitFor();
    await bell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByText('has been idle for 2 working days').waitFor();
    await shot(page, '03-bell-open');
    await panel.getByRole('button', { name: /Mark read: Call the client back/ }).click();
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
    const reminders = page.getByTestId('reminders');
    await reminders.getByText('has been idle for 2 working days').waitFor();
    expect(await reminders.getByRole('listitem').count()).toBe(1);
    await reminders.getByRole('link', { name: 'Open record' }).waitFor();
    await shot(page, '04-my-tasks-reminders');
    await reminders.getByRole('button', { name: /Dismiss reminder/ }).click();
    await reminders.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await page.close();
  });

  for (const width of [1280, 820])
    it(`takes the main path by keyboard alone at ${width} px`, async () => {
      const page = await signIn('rep', width);
      await page.goto(`${server.url}/app/#/list/deal`);
      const list = page.getByTestId('record-list');
      await list.getByRole('link', { name: 'Lindqvist pilot' }).waitFor();
      const noSideScroll = () =>
        page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
      expect(await noSideScroll()).toBe(true);
      await shot(page, `05-list-${width}`);

      await tabTo(page, page.getByRole('searchbox'));
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.type('fleet');
      await page.keyboard.press('Enter');
      await list.getByRole('link', { name: 'Lindqvist pilot' }).waitFor({ state: 'detached' });
      const link = list.getByRole('link', { name: 'Lindqvist fleet rollout' });
      await tabTo(page, link);
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');

      const record = page.getByTestId('record-page');
      await record.getByRole('heading', { name: 'Lindqvist fleet rollout', level: 1 }).waitFor();
      const discount = record.locator('[data-field="discount"] input');
      await tabTo(page, discount);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(width === 1280 ? '5' : '7');
      const save = record.getByRole('button', { name: 'Save', exact: true });
      await tabTo(page, save);
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await record.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      const log = page.getByRole('form', { name: 'Log a communication' });
      await tabTo(page, log.getByLabel('Type'));
      await log.getByLabel('Type').press('ArrowDown'); // the first type of the formal list
      await tabTo(page, log.getByRole('button', { name: 'Log' }));
      await page.keyboard.press('Enter');
      await log.getByText('Logged.').waitFor();
      expect(await noSideScroll()).toBe(true);
      await shot(page, `06-record-${width}`);

      const saved = await (await t.agent('rep')).get(`/api/records/deal/${dealId}`).expect(200);
      expect(saved.body.data.discount).toBe(width === 1280 ? 5 : 7);
      await page.close();
    });
});
