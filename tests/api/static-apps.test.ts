// The two web apps as the platform serves them (`npm start`): the runtime UI that sales staff use all
// day runs under the strict script policy; only the designer, which compiles the definition
// validators in the browser, may evaluate code, and only on its own pages.
import { uiApps } from '@crm/devservices';
import { ensureBuilt } from '../support/browser';
import { createTestPlatform, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;

beforeAll(async () => {
  const apps = uiApps().map((app) => ({ ...app, dir: ensureBuilt(app.workspace) }));
  t = await createTestPlatform({
    importSolution: false,
    staticApps: apps.map((app) => ({
      path: app.path,
      dir: app.dir,
      ...(app.allowsScriptEval === true ? { allowsScriptEval: true } : {}),
    })),
  });
});
afterAll(() => t.close());

const scriptPolicy = (csp: string | undefined) =>
  /(?:^|;)\s*script-src ([^;]*)/
    .exec(csp ?? '')?.[1]
    ?.trim()
    .split(/\s+/) ?? [];

it('serves the runtime UI, deep links included, with no way to evaluate code', async () => {
  for (const path of ['/app/', '/app/record/deal/1']) {
    const res = await t.anonymous().get(path).expect(200);
    expect(res.text).toContain('<div id="root">');
    expect(scriptPolicy(res.headers['content-security-policy'])).toEqual(["'self'"]);
  }
});

it("allows 'unsafe-eval' on the designer's pages only", async () => {
  const designer = await t.anonymous().get('/designer/').expect(200);
  expect(scriptPolicy(designer.headers['content-security-policy'])).toEqual(["'self'", "'unsafe-eval'"]);
  const api = await t.anonymous().get('/api/health').expect(200);
  expect(scriptPolicy(api.headers['content-security-policy'])).toEqual(["'self'"]);
});
