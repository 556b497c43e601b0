/// <reference lib="dom" />
// An analyst edits the shipped deal pipeline in the designer: a task created on entering the
// Proposal stage, a new timer, and the stage's id renamed; the saved draft holds exactly that, and
// undoing the rename brings every edge back to the old id.
import type { Browser, Page } from 'playwright-core';
import type { ProcessDefinition, StageNode } from '@crm/definitions';
import { createTestPlatform, PASSWORD, type TestPlatform } from '../support/test-platform';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';

jest.setTimeout(180_000);

const shot = screenshots('designer');

describe('process designer editors in the browser', () => {
  let tp: TestPlatform;
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    const dist = ensureBuilt('platform/designer');
    tp = await createTestPlatform();
    server = await serveUi(tp.platform.app, '/designer', dist);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tp?.close();
  });

  async function savedDraft(): Promise<ProcessDefinition> {
    const analyst = await tp.agent('analyst');
    const draft = await analyst.get('/api/definitions/drafts/process/deal_pipeline').expect(200);
    return draft.body.content as ProcessDefinition;
  }

  async function save(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByTestId('save-status').getByText('All changes saved').waitFor();
  }

  it('adds an action on entry and a timer, renames the stage, and undoes the rename', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/designer/`);
    await page.getByLabel('E-mail').fill(tp.users.analyst.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Processes' }).waitFor();
    await page.evaluate(() => (window.location.hash = '#/process/deal_pipeline'));
    await page.locator('.react-flow__node[data-id="proposal"]').click();
    const panel = page.getByTestId('node-properties');

    await panel.getByLabel('Add on entry action').selectOption('createTask');
    const task = panel.getByRole('group', { name: 'On entry action 2', exact: true });
    await task.getByLabel('On entry action 2 Task title').fill('Call about the proposal');
    await task.getByLabel('On entry action 2 Task title').press('Enter');
    await task.getByLabel('On entry action 2 Due amount').fill('2');
    await panel.getByRole('button', { name: '+ Timer' }).click();
    await panel
      .getByRole('group', { name: 'Timer 3', exact: true })
      .getByLabel('Timer 3 fires after amount')
      .fill('4');

    await panel.getByLabel('Node id').fill('offer proposal');
    await panel
      .getByRole('alert')
      .getByText(/starting with a letter/)
      .waitFor();
    await panel.getByLabel('Node id').fill('offer');
    await panel
      .getByRole('status')
      .getByText(/need updating by hand/)
      .waitFor();
    await shot(page, '10-rename-node');
    await panel.getByLabel('Node id').press('Enter');
    await page.locator('.react-flow__node[data-id="offer"]').waitFor();
    await expect(panel.getByLabel('Node id').inputValue()).resolves.toBe('offer');
    await panel.getByRole('group', { name: 'Timer 3', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, '11-stage-timers');
    await save(page);

    const renamed = await savedDraft();
    const offer = renamed.nodes.find((n) => n.id === 'offer') as StageNode;
    expect(renamed.nodes.some((n) => n.id === 'proposal')).toBe(false);
    expect(renamed.edges.some((e) => e.source === 'proposal' || e.target === 'proposal')).toBe(false);
    expect(renamed.edges.filter((e) => e.source === 'offer' || e.target === 'offer').length).toBeGreaterThan(
      0,
    );
    expect(offer.onEnter?.[1]).toEqual({
      type: 'createTask',
      title: 'Call about the proposal',
      assignee: { type: 'owner' },
      due: 'P2D',
    });
    expect(offer.timers?.[2]).toMatchObject({ id: 'timer', after: 'P4D', basis: 'lastActivity' });

    // Undo the rename only: the stage and its edges are "proposal" again, the other edits stay.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('.react-flow__node[data-id="proposal"]').waitFor();
    await expect(panel.getByLabel('Node id').inputValue()).resolves.toBe('proposal');
    await save(page);
    const undone = await savedDraft();
    const proposal = undone.nodes.find((n) => n.id === 'proposal') as StageNode;
    expect(proposal.onEnter).toHaveLength(2);
    expect(undone.edges.map((e) => [e.source, e.target])).toEqual(
      renamed.edges.map((e) => [e.source, e.target].map((id) => (id === 'offer' ? 'proposal' : id))),
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
