/// <reference lib="dom" />
// A sales rep works a deal in the runtime UI generated from the B2B solution's definitions: the
// deals list, a filter, the record page with its stage path and requirements, an edit refused
// next to its field and then saved, a logged call in the timeline; a manager's approvals inbox.
// No Temporal here: the stage is placed as the engine would (the stage mirror) and the approval
// request is opened through the same port the engine uses.
import type { Browser, Page } from 'playwright-core';
import { createRecordProcessPorts } from '@crm/api';
import { createTestPlatform, PASSWORD, type TestPlatform, type UserName } from '../support/test-platform';
import { accountData, createRecord } from '../support/fixtures';
import { discountApproval, instanceOf } from '../support/process-requests';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';

jest.setTimeout(240_000);

const shot = screenshots('runtime', { fullPage: true });

describe('runtime UI in the browser', () => {
  let tp: TestPlatform;
  let server: UiServer;
  let browser: Browser;
  let dealId: string;
  let otherId: string;

  beforeAll(async () => {
    const dist = ensureBuilt('platform/runtime-ui');
    tp = await createTestPlatform();
    server = await serveUi(tp.platform.app, '/app', dist);
    browser = await launchBrowser();

    const rep = await tp.agent('rep');
    const account = await createRecord(
      rep,
      'account',
      accountData({
        name: 'Nordwind Handel',
        segment: 'distributor',
        annual_turnover: { amount: 2000000, currency: 'EUR' },
      }),
    );
    const deal = await createRecord(rep, 'deal', {
      name: 'Nordwind rollout',
      account: account.id,
      amount: { amount: 48000, currency: 'EUR' },
      discount: 30,
    });
    const other = await createRecord(rep, 'deal', {
      name: 'Small pilot',
      account: account.id,
      amount: { amount: 900, currency: 'EUR' },
    });
    dealId = deal.id;
    otherId = other.id;
    const enter = (recordId: string, nodeId: string, key: string) =>
      tp.platform.services.processState.enterStage({
        recordId,
        processKey: 'deal_pipeline',
        nodeId,
        by: tp.users.rep.id,
        idempotencyKey: key,
      });
    await enter(dealId, 'qualification', 'e2e:q');
    await enter(dealId, 'needs_analysis', 'e2e:n');
    await enter(otherId, 'qualification', 'e2e:q2');

    // The engine asks the rep's manager to approve the 30 % discount.
    const ports = createRecordProcessPorts({ db: tp.platform.db, services: tp.platform.services });
    await ports.approvals.request(discountApproval(instanceOf(dealId), 'discount_approval:1'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tp?.close();
  });

  async function signIn(name: UserName, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}/app/`);
    await page.getByLabel('E-mail').fill(tp.users[name].email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  it('a rep filters the deals, edits one, sees its stage and requirements, and logs a call', async () => {
    const page = await signIn('rep');
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Navigation comes from the published entities and processes.
    for (const label of ['Deals', 'Accounts', 'Contacts', 'Deal pipeline'])
      await nav.getByRole('link', { name: label, exact: true }).first().waitFor();

    await nav.getByRole('link', { name: 'Deals', exact: true }).click();
    const list = page.getByTestId('record-list');
    await list.getByRole('link', { name: 'Nordwind rollout' }).waitFor();
    await list.getByRole('link', { name: 'Small pilot' }).waitFor();
    await list.getByRole('cell', { name: 'Nordwind Handel' }).first().waitFor();
    await shot(page, '01-deals-list');

    // Filter: stage is Needs analysis → only the first deal stays.
    await page.getByLabel('Filter field').selectOption('stage');
    await page.getByLabel('Filter value').selectOption('needs_analysis');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await list.getByRole('link', { name: 'Small pilot' }).waitFor({ state: 'detached' });
    expect(await list.locator('tbody tr').count()).toBe(1);
    await shot(page, '02-deals-filtered');

    await list.getByRole('link', { name: 'Nordwind rollout' }).click();
    const record = page.getByTestId('record-page');
    await record.getByRole('heading', { name: 'Nordwind rollout', level: 1 }).waitFor();
    // Stage path: qualification done, needs analysis current, the rest ahead.
    const pathList = page.getByRole('list', { name: 'Deal pipeline stages' });
    expect(await pathList.locator('[data-stage="qualification"]').getAttribute('class')).toContain(
      'stage-done',
    );
    expect(await pathList.locator('[data-stage="needs_analysis"]').getAttribute('aria-current')).toBe('step');
    expect(await pathList.locator('[data-stage="proposal"]').getAttribute('class')).toContain('stage-next');
    // What is still required to leave Needs analysis, from the stage's requiredFields.
    const requirements = page.getByTestId('requirements');
    await requirements.getByText('Budget is required.').waitFor();
    await requirements.getByText('Decision maker is required.').waitFor();
    await page.getByRole('button', { name: /Needs identified/ }).waitFor();
    await shot(page, '03-deal-record');

    // A discount above the field's maximum is refused next to the field; what was typed stays.
    const discount = record.locator('[data-field="discount"] input');
    await discount.fill('55');
    await record.getByRole('button', { name: 'Save', exact: true }).click();
    const fieldError = record.locator('[data-field="discount"] .crm-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/40/);
    expect(await discount.inputValue()).toBe('55');
    await shot(page, '04-field-error');

    await discount.fill('12');
    await record.locator('[data-field="decision_maker"] input').fill('Dr. Weber (CFO)');
    await record.getByRole('button', { name: 'Save', exact: true }).click();
    await record.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await requirements.getByText('Decision maker is required.').waitFor({ state: 'detached' });
    const saved = await (await tp.agent('rep')).get(`/api/records/deal/${dealId}`);
    expect(saved.body.data).toMatchObject({ discount: 12, decision_maker: 'Dr. Weber (CFO)' });

    // Log a call with topic and result from the activity entity's formal lists.
    const log = page.getByRole('form', { name: 'Log a communication' });
    await log.getByLabel('Type').selectOption('call');
    await log.getByLabel('Topic').selectOption('needs_analysis');
    await log.getByLabel('Result').selectOption('callback_requested');
    await log.getByLabel('Participants (comma separated)').fill('Dr. Weber');
    await log.getByRole('button', { name: 'Log' }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Call · Needs analysis').waitFor();
    await timeline.getByText(/Result: Callback requested/).waitFor();
    await timeline.getByText('Moved to Needs analysis').waitFor();
    await shot(page, '05-call-logged');

    // Tablet width: one column, navigation on top.
    await page.setViewportSize({ width: 800, height: 900 });
    await shot(page, '06-deal-record-800');
    await page.close();
  });

  it('shows the kanban columns from the process with totals', async () => {
    const page = await signIn('rep');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Deal pipeline', exact: true })
      .click();
    const board = page.getByTestId('kanban');
    await board.locator('[data-stage="needs_analysis"] .kcard', { hasText: 'Nordwind rollout' }).waitFor();
    await board.locator('[data-stage="qualification"] .kcard', { hasText: 'Small pilot' }).waitFor();
    expect(await board.locator('.kcol').count()).toBe(6);
    expect(await board.locator('[data-stage="needs_analysis"] .kcol-total').textContent()).toMatch(/48,000/);
    await shot(page, '07-kanban');
    await page.close();
  });

  it('a manager sees the approval request with the rule and the deal’s facts', async () => {
    const page = await signIn('manager');
    // The navigation counts what waits for the manager: this one request.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const approvals = nav.getByRole('link', { name: 'Approvals, 1 to decide' });
    await approvals.waitFor();
    expect(await approvals.locator('.nav-badge').textContent()).toBe('1');
    await approvals.click();
    const request = page.getByTestId('approval').filter({ hasText: 'Nordwind rollout' });
    await request.waitFor();
    await request.getByText('Sales manager', { exact: false }).first().waitFor();
    await request.getByRole('button', { name: 'Approve' }).waitFor();
    expect(await request.locator('.facts').textContent()).toMatch(/48,000/);
    await shot(page, '08-approvals-inbox');
    await page.close();
  });
});
