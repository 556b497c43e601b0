/// <reference lib="dom" />
// An administrator repairs stuck automation in the runtime UI, on the real engine (a file-backed
// Temporal dev server that the test stops and starts, a worker in a process of its own, PostgreSQL,
// SMTP): a deal created while the engine was down owes its process start, and another deal's
// proposal mail failed (its template quotes an amount the deal lacks), so its process is parked.
// The administrator sees both under "Automation problems", starts the owed process with "Retry
// now", and after the amount is filled in retries the mail from the record page. A rep sees why the
// record waits, without the buttons. Screenshots in test-artifacts/automation-repair.
import type { ChildProcess } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { createRecord } from '../support/fixtures';
import { newDeal, walkToProposal } from '../engine/deal-walks';
import { PASSWORD, type Agent, type UserName } from '../support/test-platform';
import {
  screenshots,
  ensureBuilt,
  launchBrowser,
  serveUi,
  signInAt,
  type UiServer,
} from '../support/browser';
import { eventually, eventuallyFor, startEngine, type EngineHarness } from '../engine/engine-harness';
import { mirroredStage } from '../engine/engine-probes';
import { startRestartableTemporal, type RestartableTemporal } from '../engine/restartable-temporal';
import { kill, startChild, stop } from '../engine/worker-process';

jest.setTimeout(240_000);

const shot = screenshots('automation-repair');

describe('an administrator repairs stuck automation in the runtime UI', () => {
  let h: EngineHarness;
  let temporal: RestartableTemporal;
  let worker: ChildProcess | undefined;
  let server: UiServer;
  let browser: Browser;
  let rep: Agent;
  let owedDeal: string;
  let parkedDeal: string;
  const buyer = 'repair-buyer@example.test';

  beforeAll(async () => {
    const dist = process.env.CRM_RUNTIME_UI_DIST ?? ensureBuilt('platform/runtime-ui');
    temporal = await startRestartableTemporal();
    // Owed starts wait for the administrator's "Retry now" (the API's own retries are off here).
    h = await startEngine({ inProcessWorker: false, temporal, startTimeoutMs: 1000, startRetryEveryMs: 0 });
    worker = await startChild(h);
    server = await serveUi(h.platform.app, '/app', dist);
    browser = await launchBrowser();
    rep = await h.agent('rep');

    // A deal whose proposal mail cannot be rendered (no amount): the process parks on the failed step.
    parkedDeal = await newDeal(rep, 'Halvorsen fleet', buyer);
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${parkedDeal}/process`)).status === 200 ? true : undefined,
    );
    await walkToProposal(rep, parkedDeal);
    await eventuallyFor(h, parkedDeal, async () => {
      const body = (await rep.get(`/api/records/deal/${parkedDeal}/process`)).body as {
        failedSteps?: unknown[];
      };
      return (body.failedSteps?.length ?? 0) > 0 ? true : undefined;
    });

    // A deal created while the engine is down: saved at once, its process start owed.
    await kill(worker);
    worker = undefined;
    await temporal.down();
    try {
      const account = (
        (await rep.get(`/api/records/deal/${parkedDeal}`).expect(200)).body as { data: { account: string } }
      ).data.account;
      owedDeal = (await createRecord(rep, 'deal', { name: 'Halvorsen depot pilot', account })).id;
    } finally {
      await temporal.up();
    }
    worker = await startChild(h);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (worker) await stop(worker);
    await h?.close();
  });

  async function signIn(name: UserName): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInAt(page, `${server.url}/app/`, h.t.users[name].email, PASSWORD);
    return page;
  }

  it('shows a rep why the record waits, without the repair buttons or the admin page', async () => {
    const page = await signIn('rep');
    expect(await page.getByRole('link', { name: 'Automation problems' }).count()).toBe(0);
    await page.goto(`${server.url}/app/#/record/deal/${parkedDeal}`);
    const banner = page.getByTestId('failed-steps');
    await banner.waitFor();
    await expectText(banner, /The process is paused: a step failed/);
    await expectText(banner, /Send mail/);
    await expectText(banner, /An administrator has to retry or skip it/);
    expect(await banner.getByRole('button').count()).toBe(0);
    await shot(page, '0-rep-record-parked');
    // The deal created while the engine was down says its process has not started yet.
    await page.goto(`${server.url}/app/#/record/deal/${owedDeal}`);
    const pending = page.getByTestId('start-pending');
    await pending.waitFor();
    await expectText(pending, /has not started yet/);
    await shot(page, '0b-rep-record-start-pending');
    await page.close();
  });

  it('lists both problems, starts the owed process and retries the failed mail once it can succeed', async () => {
    const page = await signIn('admin');
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.getByRole('link', { name: 'Automation problems' }).click();
    const owedRow = page.getByTestId('owed-start').filter({ hasText: 'Halvorsen depot pilot' });
    const parkedRow = page.getByTestId('parked-step').filter({ hasText: 'Halvorsen fleet' });
    await owedRow.waitFor();
    await parkedRow.waitFor();
    // Once the owed start's first try has failed, the navigation counts both problems.
    await owedRow.getByText('Failed to start Workflow', { exact: false }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Automation problems, 2 waiting' }).waitFor();
    await owedRow.waitFor();
    await expectText(parkedRow, /Send mail/);
    await expectText(parkedRow, /amount/i);
    await shot(page, '1-automation-problems');

    // "Retry now" starts the owed process: the row goes, and the deal enters its first stage.
    await owedRow.getByRole('button', { name: 'Retry now' }).click();
    await owedRow.waitFor({ state: 'detached' });
    await eventually(async () =>
      (await mirroredStage(h.platform.db, owedDeal))?.stage === 'qualification' ? true : undefined,
    );

    // The parked deal's page says what failed; retrying now would fail again, so the amount first.
    await parkedRow.getByRole('link', { name: 'Halvorsen fleet' }).click();
    const banner = page.getByTestId('failed-steps');
    await banner.waitFor();
    await expectText(banner, /The process is paused: a step failed/);
    await shot(page, '2-record-parked');
    await rep
      .patch(`/api/records/deal/${parkedDeal}`)
      .send({ data: { amount: { amount: 42000, currency: 'EUR' } } })
      .expect(200);
    await banner.getByRole('button', { name: 'Retry' }).click();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await eventuallyFor(h, parkedDeal, async () => h.smtp.mailbox.list().find((m) => m.to.includes(buyer)));
    await shot(page, '3-record-repaired');

    await page.getByRole('link', { name: 'Automation problems' }).click();
    await page.getByText('Every record’s process has started.').waitFor();
    await page.getByText('No step is waiting.').waitFor();
    // Moving to the page asked for the counters again: nothing is left to count.
    await page.getByRole('link', { name: 'Automation problems', exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  expect(await locator.innerText()).toMatch(pattern);
}
