// A manager hands an approval request to a colleague from the approvals inbox, in the browser. The
// process is a recording gateway here (the engine's own delegation is tested in the pipeline); what
// is checked is the inbox: who may be chosen, the refusal of someone who may not decide, and the
// request showing its delegate afterwards.
import type { Browser } from 'playwright-core';
import { PASSWORD } from '../support/test-platform';
import {
  screenshots,
  ensureBuilt,
  launchBrowser,
  serveUi,
  signInAt,
  type UiServer,
} from '../support/browser';
import { discountApproval, instanceOf } from '../support/process-requests';
import {
  dealOf,
  newKey,
  startInboxWorld,
  stopInboxWorld,
  type InboxWorld,
  type RecordingGateway,
} from '../inbox/inbox-support';

jest.setTimeout(120_000);

const shot = screenshots('approval-delegation');

describe('delegating an approval from the inbox', () => {
  let world: InboxWorld;
  let gateway: RecordingGateway;
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    const dist = ensureBuilt('platform/runtime-ui');
    world = await startInboxWorld(['rep']);
    gateway = world.gateway;
    server = await serveUi(world.withGateway.app, '/app', dist);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopInboxWorld(world);
  });

  it('hands the request to a colleague who may decide, and refuses one who may not', async () => {
    const deal = await dealOf(world.agents.rep, 'Delegated deal', { discount: 30 });
    await world.ports.approvals.request(discountApproval(instanceOf(deal.id), newKey('approval')));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInAt(page, `${server.url}/app/`, world.t.users.manager.email, PASSWORD);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Approvals/ })
      .click();
    const request = page.getByTestId('approval').filter({ hasText: 'Delegated deal' });
    await request.waitFor();
    const select = request.getByLabel('Delegate to');
    // Everyone but the manager, named with their role.
    await request.getByRole('option', { name: 'otherManager (manager)' }).waitFor({ state: 'attached' });
    expect(await request.getByRole('option', { name: /^manager / }).count()).toBe(0);

    // A rep may not decide approvals: the server says so, and nothing reaches the process.
    await select.selectOption({ label: 'rep (rep)' });
    await request.getByRole('button', { name: 'Delegate' }).click();
    await request.getByText('Choose a user who may decide approvals and can see this record.').waitFor();
    expect(gateway.calls.filter((call) => call.key.recordId === deal.id)).toEqual([]);

    await select.selectOption({ label: 'director (director)' });
    await request.getByRole('button', { name: 'Delegate' }).click();
    await request.getByText('delegated to director', { exact: false }).waitFor();
    await shot(page, '1-delegated');
    expect(gateway.calls.filter((call) => call.key.recordId === deal.id)).toEqual([
      expect.objectContaining({
        method: 'delegateApproval',
        actorId: world.t.users.manager.id,
        args: expect.objectContaining({ toUserId: world.t.users.director.id }),
      }),
    ]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
