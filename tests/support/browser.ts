// Debian's Chromium driven by playwright-core, and a server that puts a built UI in front of a
// test platform on an ephemeral port (same origin, so the session cookie works as in production).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { chromium, type Browser, type Page } from 'playwright-core';
import { staticAppRouter } from '@crm/api';
import { uiApps } from '@crm/devservices';
import type { Express } from 'express';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** The sources a UI build is made from: its own, the shared form renderer's and the definitions'. */
const BUILD_INPUTS = ['src', 'index.html', 'vite.config.mts'];
const SHARED_INPUTS = ['platform/runtime-ui/src', 'definitions/src', 'definitions/schemas'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * Builds the UI workspace when its dist/ is missing or older than any of its sources (a stale build
 * would test yesterday's UI).
 */
export function ensureBuilt(workspace: string): string {
  const dist = path.join(REPO_ROOT, workspace, 'dist');
  const built = path.join(dist, 'index.html');
  const inputs = [
    ...BUILD_INPUTS.map((input) => path.join(REPO_ROOT, workspace, input)),
    ...SHARED_INPUTS.map((input) => path.join(REPO_ROOT, input)),
  ];
  const stale = !existsSync(built) || Math.max(...inputs.map(newestMtime)) > statSync(built).mtimeMs;
  if (stale) execFileSync('npm', ['run', 'build', '-w', workspace], { cwd: REPO_ROOT, stdio: 'inherit' });
  return dist;
}

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dist` at `mountPath` as the platform serves that UI (`npm start`): its router, helmet's
 * headers and the UI's own script policy (only the designer may evaluate code), so a browser test
 * fails where a user's browser would. Everything else goes to the app.
 */
export async function serveUi(app: Express, mountPath: string, dist: string): Promise<UiServer> {
  const ui = uiApps().find((candidate) => candidate.path === mountPath);
  if (!ui) throw new Error(`no UI is served at ${mountPath}`);
  const outer = express();
  outer.use(
    mountPath,
    helmet(),
    staticAppRouter({
      path: mountPath,
      dir: dist,
      ...(ui.allowsScriptEval === true ? { allowsScriptEval: true } : {}),
    }),
  );
  outer.use(app);
  const server = http.createServer(outer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/**
 * A screenshot taker for one suite: `shot(page, '01-list')` writes test-artifacts/<suite>/01-list.png
 * (the whole page with `fullPage`).
 */
export function screenshots(suite: string, options: { fullPage?: boolean } = {}) {
  const dir = artifactsDir(suite);
  return (page: Page, name: string) =>
    page.screenshot({ path: path.join(dir, `${name}.png`), ...(options.fullPage ? { fullPage: true } : {}) });
}

export function artifactsDir(name: string): string {
  const dir = path.join(REPO_ROOT, 'test-artifacts', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Signs in on the login screen at `url` and waits for the app's main navigation. */
export async function signInAt(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
