/// <reference lib="dom" />
// An analyst draws an insurance-claims process in the designer (another industry than the shipped
// B2B pipeline), with a required field on its first stage and a decision on the claim's severity,
// and publishes it. The real engine (Temporal dev server and worker) then runs it: creating a
// claim through the API starts its workflow, and moves through the API follow the published graph.
import type { Browser } from 'playwright-core';
import { PASSWORD, type Agent } from '../support/test-platform';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';
import { eventually, startEngine, type EngineHarness } from '../engine/engine-harness';
import { mirroredStage, stageHistory } from '../engine/engine-probes';
import { connect, dropNode, rename } from './designer-canvas';

jest.setTimeout(240_000);

const shot = screenshots('designer-engine');

const claim = {
  key: 'claim',
  label: 'Claim',
  pluralLabel: 'Claims',
  titleField: 'title',
  fields: [
    { key: 'title', label: 'Title', type: 'text', required: true },
    {
      key: 'severity',
      label: 'Severity',
      type: 'enum',
      options: [
        { value: 'minor', label: 'Minor' },
        { value: 'major', label: 'Major' },
      ],
    },
    { key: 'estimate', label: 'Damage estimate', type: 'number' },
  ],
};

interface StateView {
  processVersion: number;
  status: string;
  outcome?: string;
  currentStage?: { nodeId: string; label: string };
  transitions: { edgeId: string; target: string; allowed: boolean }[];
}

describe('a process drawn in the designer runs on the real engine', () => {
  let h: EngineHarness;
  let server: UiServer;
  let browser: Browser;
  let admin: Agent;

  beforeAll(async () => {
    const dist = ensureBuilt('platform/designer');
    h = await startEngine();
    server = await serveUi(h.platform.app, '/designer', dist);
    browser = await launchBrowser();
    const analyst = await h.agent('analyst');
    await analyst.put('/api/definitions/drafts/entity/claim').send(claim).expect(200);
    await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'claim' }] })
      .expect(200);
    admin = await h.agent('admin');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
  });

  it('the analyst draws, fixes and publishes the claims process', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/designer/`);
    await page.getByLabel('E-mail').fill(h.t.users.analyst.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByLabel('New process name').fill('Claim handling');
    await page.getByLabel('New process entity').selectOption('claim');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.getByText('Drag a Start step from the palette to begin.').waitFor();

    await dropNode(page, 'start', 60, 220);
    await dropNode(page, 'stage', 250, 220);
    await dropNode(page, 'decision', 480, 220);
    await dropNode(page, 'stage', 700, 380);
    await dropNode(page, 'end', 900, 220);
    await rename(page, 'stage', 'Intake');
    await rename(page, 'decision', 'Major damage?');
    await rename(page, 'stage_2', 'Expert review');
    await rename(page, 'end', 'Settled');

    // Intake may only be left with a damage estimate.
    await page.locator('.react-flow__node[data-id="stage"]').click();
    const properties = page.getByTestId('node-properties');
    await properties.getByLabel('Add required field').selectOption('estimate');
    await properties.getByText('Damage estimate').first().waitFor();

    await connect(page, 'start', 'stage');
    await connect(page, 'stage', 'decision');
    await connect(page, 'decision', 'end');
    await connect(page, 'decision', 'stage_2');
    await connect(page, 'stage_2', 'end');
    expect(await page.locator('.react-flow__edge').count()).toBe(5);

    // The second branch out of the decision needs a condition: built visually.
    await page.locator('[data-tab="problems"]').click();
    const problem = page.getByTestId('problems').getByText(/without a condition/);
    await problem.waitFor();
    await problem.click();
    const edgePanel = page.getByTestId('edge-properties');
    await edgePanel.getByRole('button', { name: '+ Add a condition' }).click();
    await edgePanel.getByLabel('Field', { exact: true }).selectOption('severity');
    await edgePanel.getByLabel('Operator').selectOption('eq');
    await edgePanel.getByLabel('Value', { exact: true }).selectOption('major');
    await page.locator('[data-tab="problems"]').click();
    await page.getByTestId('problems-empty').waitFor();
    await shot(page, '01-drawn');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByTestId('designer-message')
      .getByText(/Published as version 1/)
      .waitFor();
    await shot(page, '02-published');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  async function newClaim(data: Record<string, unknown>): Promise<string> {
    const res = await admin.post('/api/records/claim').send({ data }).expect(201);
    const id = res.body.id as string;
    // The published process starts on create (the designer's default trigger).
    await eventually(async () =>
      (await admin.get(`/api/records/claim/${id}/process`)).status === 200 ? true : undefined,
    );
    return id;
  }
  const state = async (id: string) =>
    (await admin.get(`/api/records/claim/${id}/process`).expect(200)).body as StateView;
  const move = (id: string, to: string) => admin.post(`/api/records/claim/${id}/process/move`).send({ to });
  const settled = async (id: string) =>
    eventually(async () => ((await mirroredStage(h.platform.db, id))?.stage === 'end' ? true : undefined));

  it('a major claim waits for its estimate, then goes through the expert review', async () => {
    const id = await newClaim({ title: 'Flooded warehouse', severity: 'major' });
    let view = await state(id);
    expect(view).toMatchObject({ processVersion: 1, status: 'running', currentStage: { nodeId: 'stage' } });
    expect(view.transitions.map((t) => t.target)).toEqual(['decision']);

    const refused = await move(id, 'decision');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'estimate', rule: 'requiredField' }),
    ]);
    expect((await state(id)).currentStage?.nodeId).toBe('stage');

    await admin
      .patch(`/api/records/claim/${id}`)
      .send({ data: { estimate: 25000 } })
      .expect(200);
    expect((await move(id, 'decision')).status).toBe(200);
    view = await state(id);
    expect(view.currentStage).toEqual({ nodeId: 'stage_2', label: 'Expert review' });
    expect((await move(id, 'end')).status).toBe(200);
    view = await state(id);
    expect(view).toMatchObject({ status: 'completed', outcome: 'closed' });
    await settled(id);
    expect(await stageHistory(h.platform.db, id)).toEqual(['stage', 'stage_2', 'end']);
  });

  it('a minor claim is settled straight after intake', async () => {
    const id = await newClaim({ title: 'Scratched van', severity: 'minor', estimate: 800 });
    expect((await move(id, 'decision')).status).toBe(200);
    expect(await state(id)).toMatchObject({ status: 'completed', currentStage: { nodeId: 'end' } });
    await settled(id);
    expect(await stageHistory(h.platform.db, id)).toEqual(['stage', 'end']);
    // A finished claim has no running instance any more: moving it is refused with a reason.
    const again = await move(id, 'stage');
    expect([404, 422]).toContain(again.status);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    expect((await mirroredStage(h.platform.db, id))?.stage).toBe('end');
  });

  it('the analyst renames Intake in version 2 and moves the running claim onto it', async () => {
    const id = await newClaim({ title: 'Cracked windscreen', severity: 'minor' });
    expect(await state(id)).toMatchObject({ processVersion: 1, currentStage: { nodeId: 'stage' } });
    // The key the designer made from the name "Claim handling".
    const processKey = 'claim_handling';

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/designer/#/process/${processKey}`);
    await page.getByLabel('E-mail').fill(h.t.users.analyst.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await rename(page, 'stage', 'Intake and triage');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByTestId('designer-message')
      .getByText(/Published as version 2/)
      .waitFor();

    await page.locator('[data-tab="versions"]').click();
    const running = page.getByTestId('running-records');
    await running.getByText('v1: 1 running').waitFor();
    await shot(page, '03-running-on-v1');
    await running.getByRole('button', { name: 'Move to v2' }).click();
    await running.getByTestId('migration-report').getByText('1 moved to v2.').waitFor();
    await running.getByText('Every running record follows v2.').waitFor();
    await shot(page, '04-moved-to-v2');

    expect(await state(id)).toMatchObject({
      processVersion: 2,
      currentStage: { nodeId: 'stage', label: 'Intake and triage' },
    });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
