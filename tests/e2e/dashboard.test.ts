/// <reference lib="dom" />
// The pipeline dashboard in Chromium against the real API and PostgreSQL: stage history is written
// through the stage mirror (as the engine does), back-dated into the last weeks, and the figures
// the charts and tables show are checked against numbers worked out by hand. Also the kanban's
// exact column totals and owner names on its cards.
import type { Browser, Page } from 'playwright-core';
import { createTestPlatform, PASSWORD, type TestPlatform, type UserName } from '../support/test-platform';
import { accountData } from '../support/fixtures';
import { publishWithStageRenamed } from '../support/rename-stage';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';

jest.setTimeout(240_000);

const shot = screenshots('dashboard', { fullPage: true });
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

interface Seed {
  name: string;
  owner: UserName;
  amount: number;
  steps: [string, number][];
}

// Manager's team = rep + teamRep. By hand, for the manager over the last 90 days:
// open now: C in qualification (500, weighted 10 % = 50), D in needs analysis (4,000, 25 % = 1,000);
// qualification entered by A, B, C, D; A and D moved on, B was lost: conversion 50 %; won 1, lost 1.
const SEEDS: Seed[] = [
  {
    name: 'Alpha rollout',
    owner: 'rep',
    amount: 1000,
    steps: [
      ['qualification', 20],
      ['needs_analysis', 18],
      ['proposal', 15],
      ['negotiation', 10],
      ['closed_won', 5],
    ],
  },
  {
    name: 'Beta pilot',
    owner: 'rep',
    amount: 2000,
    steps: [
      ['qualification', 12],
      ['closed_lost', 11],
    ],
  },
  { name: 'Gamma upgrade', owner: 'rep', amount: 500, steps: [['qualification', 3]] },
  {
    name: 'Delta licences',
    owner: 'teamRep',
    amount: 4000,
    steps: [
      ['qualification', 30],
      ['needs_analysis', 25],
    ],
  },
  { name: 'Epsilon (other team)', owner: 'otherRep', amount: 10000, steps: [['qualification', 8]] },
];

describe('pipeline dashboard in the browser', () => {
  let tp: TestPlatform;
  let server: UiServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = ensureBuilt('platform/runtime-ui');
    tp = await createTestPlatform();
    server = await serveUi(tp.platform.app, '/app', dist);
    browser = await launchBrowser();
    const { records, processState, activities } = tp.platform.services;
    const admin = tp.actors.admin;
    let key = 0;
    for (const seed of SEEDS) {
      const ownerId = tp.users[seed.owner].id;
      const account = await records.create(admin, 'account', accountData({ name: `${seed.name} GmbH` }), {
        ownerId,
      });
      const deal = await records.create(
        admin,
        'deal',
        { name: seed.name, account: account.id, amount: { amount: seed.amount, currency: 'EUR' } },
        { ownerId },
      );
      for (const [nodeId, daysAgo] of seed.steps)
        await processState.enterStage({
          processKey: 'deal_pipeline',
          recordId: deal.id,
          nodeId,
          at: ago(daysAgo),
          idempotencyKey: `dashboard-e2e-${(key += 1)}`,
        });
      if (seed.name === 'Alpha rollout')
        await activities.log(tp.actors.rep, deal.id, { type: 'call', occurredAt: ago(14).toISOString() });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tp?.close();
  });

  async function signIn(name: UserName, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/app/`);
    await page.getByLabel('E-mail').fill(tp.users[name].email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  const openDashboard = async (page: Page) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Deal pipeline dashboard' })
      .click();
    const dashboard = page.getByTestId('dashboard');
    await dashboard.getByTestId('snapshot').waitFor();
    return dashboard;
  };
  const openBoard = async (page: Page) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Deal pipeline', exact: true })
      .click();
    return page.getByTestId('kanban');
  };
  /** The figure of a KPI card. */
  const kpi = (page: Page, testId: string) => page.getByTestId(testId).locator('strong').textContent();
  const cell = (page: Page, table: string, row: string, name: string) =>
    page.getByTestId(table).locator(`[data-stage="${row}"] [data-cell="${name}"]`).textContent();

  it('a manager sees the team’s snapshot, conversion, win rate and reps, as charts and tables', async () => {
    const page = await signIn('manager');
    const dashboard = await openDashboard(page);
    await dashboard.getByTestId('history').waitFor();
    expect(await kpi(page, 'kpi-open')).toBe('2');
    expect(await kpi(page, 'kpi-pipeline')).toMatch(/4,500/);
    expect(await kpi(page, 'kpi-weighted')).toMatch(/1,050/);
    expect(await cell(page, 'snapshot-table', 'qualification', 'count')).toBe('1');
    expect(await cell(page, 'snapshot-table', 'needs_analysis', 'weighted')).toMatch(/1,000/);
    expect(await cell(page, 'funnel-table', 'qualification', 'entered')).toBe('4');
    expect(await cell(page, 'funnel-table', 'qualification', 'advanced')).toBe('2');
    expect(await cell(page, 'funnel-table', 'qualification', 'conversion')).toBe('50 %');
    expect(await kpi(page, 'kpi-win-rate')).toBe('50 %');
    expect(await kpi(page, 'kpi-activities')).toBe('1');
    const repRow = page.getByTestId('reps-table').locator(`[data-rep="${tp.users.rep.id}"]`);
    expect(await repRow.locator('td').first().textContent()).toBe('rep');
    expect(await repRow.locator('[data-cell="win-rate"]').textContent()).toBe('50 %');
    expect(await repRow.locator('[data-cell="activities"]').textContent()).toBe('1');
    // The charts are drawn (SVG bars and funnel trapezoids), not only the tables.
    for (const chart of [
      'chart-open-count',
      'chart-amount',
      'chart-funnel',
      'chart-conversion',
      'chart-time',
    ])
      expect(await page.getByTestId(chart).locator('svg path, svg rect').count()).toBeGreaterThan(0);
    // The charts carry the same numbers: the conversion bars' labels and the funnel's counts.
    expect(
      await page
        .getByTestId('chart-conversion')
        .locator('svg text.recharts-label', { hasText: '50 %' })
        .count(),
    ).toBe(2);
    expect(
      await page.getByTestId('chart-funnel').locator('svg text.recharts-label', { hasText: /^4$/ }).count(),
    ).toBe(1);
    await shot(page, '01-manager-dashboard');

    // Narrow to one owner: Delta is teamRep's only deal.
    await page.getByTestId('owner-filter').selectOption({ label: 'teamRep' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="kpi-open"] strong')?.textContent === '1',
    );
    await page.waitForFunction(
      () =>
        document.querySelector(
          '[data-testid="funnel-table"] [data-stage="qualification"] [data-cell="conversion"]',
        )?.textContent === '100 %',
    );
    await shot(page, '02-owner-filter');

    // Another money field of the entity: the deals carry no budget, so the pipeline sums to zero.
    await page.getByTestId('amount-field').selectOption({ label: 'Budget' });
    await page.getByTestId('kpi-pipeline').getByText('Pipeline (Budget)').waitFor();
    expect(await kpi(page, 'kpi-pipeline')).toMatch(/^€0$/);
    await page.close();
  });

  it('the period filter moves the history; a rep without analytics sees only the snapshot', async () => {
    const page = await signIn('director');
    await openDashboard(page);
    await page.getByTestId('history').waitFor();
    expect(await cell(page, 'funnel-table', 'qualification', 'entered')).toBe('5');
    await page.getByTestId('period-filter').selectOption('custom');
    await page.getByLabel('From').fill(ago(9).toISOString().slice(0, 10));
    await page.waitForFunction(
      () =>
        document.querySelector(
          '[data-testid="funnel-table"] [data-stage="qualification"] [data-cell="entered"]',
        )?.textContent === '2',
    );
    await shot(page, '03-custom-period');

    // The process picker: the lead process has no money field, so no amounts are shown.
    await page.getByLabel('Process').selectOption({ label: 'Lead qualification' });
    await page.getByRole('heading', { name: 'Lead qualification: dashboard' }).waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="kpi-open"]')?.textContent?.includes('leads'),
    );
    expect(await kpi(page, 'kpi-open')).toBe('0');
    expect(await page.getByTestId('kpi-pipeline').count()).toBe(0);
    expect(await page.getByTestId('snapshot-table').locator('tbody tr').count()).toBe(2);
    await page.close();

    const rep = await signIn('rep');
    await openDashboard(rep);
    expect(await kpi(rep, 'kpi-open')).toBe('1');
    expect(await rep.getByTestId('history').count()).toBe(0);
    await rep.getByText('need the “read analytics” permission').waitFor();
    await rep.close();
  });

  it('the kanban shows exact column totals and owner names on the cards', async () => {
    const page = await signIn('manager', 1400);
    const board = await openBoard(page);
    const needs = board.locator('[data-stage="needs_analysis"]');
    await needs.locator('.kcard', { hasText: 'Delta licences' }).waitFor();
    expect(await needs.getByTestId('column-count').textContent()).toBe('1');
    expect(await needs.getByTestId('column-total').textContent()).toMatch(/4,000/);
    expect(await needs.getByTestId('card-owner').textContent()).toBe('teamRep');
    expect(await board.locator('[data-stage="closed_won"]').getByTestId('column-count').textContent()).toBe(
      '1',
    );
    await shot(page, '04-kanban');
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('keeps records in a stage that a newer version renamed on the board and in the snapshot', async () => {
    // Run last: version 2 renames "needs_analysis" to "discovery"; Delta's instance stays on version 1.
    await publishWithStageRenamed(
      tp.platform,
      tp.actors.admin,
      'deal_pipeline',
      'needs_analysis',
      'discovery',
      'Discovery',
    );
    const page = await signIn('manager', 1400);
    const board = await openBoard(page);
    const retired = board.locator('[data-stage="needs_analysis"]');
    await retired.locator('.kcard', { hasText: 'Delta licences' }).waitFor();
    expect(await retired.getAttribute('class')).toMatch(/kcol-retired/);
    expect(await retired.locator('.kcol-note').textContent()).toBe('Removed after version 1');
    expect(await board.locator('[data-stage="discovery"]').getByTestId('column-count').textContent()).toBe(
      '0',
    );
    // After the stages of the latest version, before its ends.
    const order = await board
      .locator('[data-stage]')
      .evaluateAll((cols) => cols.map((c) => c.getAttribute('data-stage')));
    expect(order.indexOf('needs_analysis')).toBeLessThan(order.indexOf('closed_won'));
    await shot(page, '05-kanban-renamed-stage');

    const dashboard = await openDashboard(page);
    const row = dashboard.getByTestId('snapshot-table').locator('[data-stage="needs_analysis"]');
    expect(await row.locator('td').first().textContent()).toBe('Needs analysis (until version 1)');
    expect(await cell(page, 'snapshot-table', 'needs_analysis', 'count')).toBe('1');
    // The period's history keeps the renamed stage's stays as a row of their own.
    const history = dashboard.getByTestId('funnel-table').locator('[data-stage="needs_analysis"]');
    expect(await history.locator('td').first().textContent()).toBe('Needs analysis (until version 1)');
    expect(Number(await cell(page, 'funnel-table', 'needs_analysis', 'entered'))).toBeGreaterThan(0);
    await shot(page, '06-dashboard-renamed-stage');
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
