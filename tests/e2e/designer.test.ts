/// <reference lib="dom" />
// An analyst builds a support-ticket process in the designer from an empty canvas, sees and fixes
// a validation error, simulates it, publishes it; the API then runs the published version.
import type { Browser } from 'playwright-core';
import { createTestPlatform, PASSWORD, type TestPlatform } from '../support/test-platform';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';
import { center, connect, dropNode, rename } from './designer-canvas';

jest.setTimeout(240_000);

const shot = screenshots('designer');

const ticket = {
  key: 'ticket',
  label: 'Ticket',
  pluralLabel: 'Tickets',
  titleField: 'subject',
  fields: [
    { key: 'subject', label: 'Subject', type: 'text', required: true },
    {
      key: 'priority',
      label: 'Priority',
      type: 'enum',
      options: [
        { value: 'low', label: 'Low' },
        { value: 'normal', label: 'Normal' },
        { value: 'high', label: 'High' },
      ],
    },
    { key: 'customer_email', label: 'Customer e-mail', type: 'email' },
  ],
};

describe('process designer in the browser', () => {
  let tp: TestPlatform;
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    const dist = ensureBuilt('platform/designer');
    tp = await createTestPlatform();
    server = await serveUi(tp.platform.app, '/designer', dist);
    browser = await launchBrowser();
    const analyst = await tp.agent('analyst');
    await analyst.put('/api/definitions/drafts/entity/ticket').send(ticket).expect(200);
    await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'ticket' }] })
      .expect(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tp?.close();
  });

  it('an analyst builds, fixes, simulates and publishes a support-ticket process', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && console.error(`browser: ${m.text()}`));

    await page.goto(`${server.url}/designer/`);
    await page.getByLabel('E-mail').fill(tp.users.analyst.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await shot(page, '01-login');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByLabel('New process name').fill('Ticket handling');
    await page.getByLabel('New process entity').selectOption('ticket');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await shot(page, '01b-created');
    await page.getByText('Drag a Start step from the palette to begin.').waitFor();

    await dropNode(page, 'start', 60, 220);
    // The first node lands under the pointer (its top left 95 × 30 px up and left of it, at zoom 1):
    // no fit-view jump on an empty canvas.
    const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
    const startBox = (await page.locator('.react-flow__node[data-id="start"]').boundingBox())!;
    expect(Math.abs(startBox.x + 95 - (canvasBox.x + 60))).toBeLessThan(4);
    expect(Math.abs(startBox.y + 30 - (canvasBox.y + 220))).toBeLessThan(4);
    await dropNode(page, 'stage', 250, 220);
    await dropNode(page, 'decision', 480, 220);
    await dropNode(page, 'stage', 700, 380);
    await dropNode(page, 'end', 900, 220);
    expect(await page.locator('.react-flow__node').count()).toBe(5);

    await rename(page, 'stage', 'Triage');
    await rename(page, 'decision', 'Urgent?');
    await rename(page, 'stage_2', 'Escalated');
    await rename(page, 'end', 'Solved');

    await connect(page, 'start', 'stage');
    await connect(page, 'stage', 'decision');
    await connect(page, 'decision', 'end');
    await connect(page, 'decision', 'stage_2');
    await connect(page, 'stage_2', 'end');
    // Not allowed: nothing may lead into the start.
    await connect(page, 'stage_2', 'start');
    await shot(page, '01c-connected');
    expect(await page.locator('.react-flow__edge').count()).toBe(5);

    // The second branch of the decision has no condition: the shared rules say so, on the canvas too.
    await page.locator('[data-tab="problems"]').click();
    const problem = page.getByTestId('problems').getByText(/without a condition/);
    await problem.waitFor();
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);
    expect(await page.locator('.react-flow__edge.edge-error').count()).toBe(1);
    await shot(page, '02-validation-error');

    // Clicking the problem selects the transition; the condition is built visually.
    await problem.click();
    await shot(page, '02b-problem-picked');
    const edgePanel = page.getByTestId('edge-properties');
    await edgePanel.getByRole('button', { name: '+ Add a condition' }).click();
    await edgePanel.getByLabel('Field', { exact: true }).selectOption('priority');
    await edgePanel.getByLabel('Operator').selectOption('eq');
    await edgePanel.getByLabel('Value', { exact: true }).selectOption('high');
    await page.locator('[data-tab="problems"]').click();
    await page.getByTestId('problems-empty').waitFor();
    await page.locator('.react-flow__edge-text', { hasText: 'Priority' }).first().waitFor();

    // Undo and redo the condition.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText(/Problems \(1\)/).waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByTestId('problems-empty').waitFor();
    await shot(page, '03-fixed');

    // Try it: a high-priority ticket moved on from triage goes to Escalated.
    await page.locator('[data-tab="try"]').click();
    await page.locator('#sample-subject').fill('Printer on fire');
    await page.locator('#sample-priority').selectOption('high');
    await page.getByRole('button', { name: '+ Step' }).click();
    await page.getByLabel('Step 1 node').selectOption('decision');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor();
    await expect(result.locator('.sim-path').innerText()).resolves.toMatch(
      /Triage[\s\S]*Urgent\?[\s\S]*Escalated/,
    );
    expect(await page.locator('.pnode.is-visited').count()).toBeGreaterThanOrEqual(3);
    // The branch the decision took is drawn as part of the path, even while it is selected.
    const taken = page.locator('.react-flow__edge[data-id="e_decision_stage_2"]');
    await expect(taken.getAttribute('class')).resolves.toMatch(/edge-visited/);
    await expect(
      taken.locator('.react-flow__edge-path').evaluate((p) => getComputedStyle(p).stroke),
    ).resolves.toBe('rgb(22, 163, 74)');
    await shot(page, '04-simulation');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByTestId('designer-message')
      .getByText(/Published as version 1/)
      .waitFor();
    await page.locator('[data-tab="versions"]').click();
    await page.getByTestId('versions').getByText('v1').waitFor();
    await shot(page, '05-published');
    expect(pageErrors).toEqual([]);
    await page.close();

    // The API now knows the published version and runs a record through it.
    const admin = await tp.agent('admin');
    const published = await admin.get('/api/definitions/process/ticket_handling').expect(200);
    expect(published.body.content.nodes.map((n: { id: string }) => n.id).sort()).toEqual(
      ['decision', 'end', 'stage', 'stage_2', 'start'].sort(),
    );
    const sim = await admin
      .post('/api/processes/simulate')
      .send({
        process: { key: 'ticket_handling', version: 1 },
        record: { subject: 'Low one', priority: 'low' },
        script: [{ after: 'PT1M', event: { type: 'moveRequested', target: 'decision' } }],
      })
      .expect(200);
    expect(sim.body.path.map((p: { nodeId: string }) => p.nodeId)).toEqual([
      'start',
      'stage',
      'decision',
      'end',
    ]);
    const record = await admin
      .post('/api/records/ticket')
      .send({ data: { subject: 'Printer on fire', priority: 'high' } })
      .expect(201);
    const start = await admin.post('/api/processes/ticket_handling/start').send({ recordId: record.body.id });
    // The test platform runs without a Temporal worker: the start must then be refused honestly.
    if (start.status === 503) expect(start.body.detail ?? start.body.title).toBeTruthy();
    else expect([200, 201]).toContain(start.status);
  });

  it('keeps a 300-node canvas responsive', async () => {
    const nodes = [
      { id: 'start', type: 'start', label: 'Start', position: { x: 0, y: 0 } },
      ...Array.from({ length: 298 }, (_, i) => ({
        id: `s${i}`,
        type: 'stage',
        label: `Stage ${i}`,
        position: { x: 250 * ((i + 1) % 20), y: 140 * Math.floor((i + 1) / 20) },
      })),
      { id: 'done', type: 'end', label: 'Done', outcome: 'closed', position: { x: 250 * 19, y: 140 * 15 } },
    ];
    const ids = nodes.map((n) => n.id);
    const edges = ids.slice(0, -1).map((id, i) => ({ id: `e${i}`, source: id, target: ids[i + 1] }));
    const analyst = await tp.agent('analyst');
    await analyst
      .put('/api/definitions/drafts/process/big_ticket_flow')
      .send({
        key: 'big_ticket_flow',
        label: 'Big flow',
        entity: 'ticket',
        triggers: [{ type: 'manual' }],
        nodes,
        edges,
      })
      .expect(200);

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${server.url}/designer/`);
    await page.getByLabel('E-mail').fill(tp.users.analyst.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Processes' }).waitFor();

    const t0 = Date.now();
    await page.evaluate(() => (window.location.hash = '#/process/big_ticket_flow'));
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 300);
    await page.getByTestId('problems-empty').or(page.locator('[data-tab="problems"]')).first().waitFor();
    const firstRender = Date.now() - t0;

    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(400);
    const node = page.locator('.react-flow__node[data-id="s5"]');
    const before = await node.getAttribute('style');
    const c = await center(page, '.react-flow__node[data-id="s5"] .pnode-label');
    await page.mouse.move(c.x, c.y);
    await page.mouse.down();
    const steps = 20;
    const t1 = Date.now();
    for (let i = 1; i <= steps; i += 1) {
      await page.mouse.move(c.x + i * 4, c.y + i * 3);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    }
    const perStep = (Date.now() - t1) / steps;
    const t2 = Date.now();
    await page.mouse.up();
    await page
      .getByTestId('save-status')
      .getByText(/Unsaved|Saving|All changes saved/)
      .waitFor();
    await page.waitForFunction(
      (prev) => document.querySelector('.react-flow__node[data-id="s5"]')?.getAttribute('style') !== prev,
      before,
    );
    const commit = Date.now() - t2;
    await shot(page, '06-300-nodes');
    const report = {
      nodes: 300,
      firstRenderMs: firstRender,
      dragStepMs: Math.round(perStep * 10) / 10,
      dropCommitMs: commit,
    };
    console.log(`designer 300-node canvas: ${JSON.stringify(report)}`);
    // Speed is recorded (docs/benchmarks.md), not judged here: a shared 2-core machine under load
    // doubles these figures. The bounds only catch a canvas that froze.
    expect(firstRender).toBeLessThan(20_000);
    expect(perStep).toBeLessThan(2_000);
    await page.close();
  });
});
