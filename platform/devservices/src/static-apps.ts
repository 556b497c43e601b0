import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { findRepoRoot } from './repo-root';

export interface UiApp {
  /** URL path the app is served at, e.g. `/app`. */
  path: string;
  /** Its build output folder (`dist/` with index.html). */
  dir: string;
  label: string;
  workspace: string;
  /** Compiles validators at run time (ajv, the designer): its pages need `'unsafe-eval'` in the CSP. */
  allowsScriptEval?: boolean;
}

/** The two UIs, served from the platform's own origin so that session cookies just work. */
export function uiApps(root = findRepoRoot()): UiApp[] {
  return [
    {
      path: '/app',
      dir: path.join(root, 'platform/runtime-ui/dist'),
      label: 'CRM app',
      workspace: 'platform/runtime-ui',
      // Compiles nothing at run time: its pages keep the strict script policy (no 'unsafe-eval').
    },
    {
      path: '/designer',
      dir: path.join(root, 'platform/designer/dist'),
      label: 'Designer',
      workspace: 'platform/designer',
      allowsScriptEval: true,
    },
  ];
}

/**
 * Builds each UI that has no build output yet and has a build script (first start of a fresh
 * clone); a failed build is reported and the app is then served as "not built".
 */
export function buildMissingApps(apps: UiApp[], root: string, log: (message: string) => void): void {
  for (const app of apps.filter((candidate) => !isBuilt(candidate))) {
    const manifest = JSON.parse(readFileSync(path.join(root, app.workspace, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    if (manifest.scripts?.build === undefined) continue;
    log(`Building ${app.label} (first start, ~30 s)…`);
    const result = spawnSync('npm', ['run', 'build', '--workspace', app.workspace], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) log(`Building ${app.label} failed: it is served as not built.`);
  }
}

export function isBuilt(app: UiApp): boolean {
  return existsSync(path.join(app.dir, 'index.html'));
}

/** For each UI without a build: an honest page at its path saying so and how to build it. */
export function notBuiltRouter(apps: UiApp[]): Router {
  const router = Router();
  for (const app of apps.filter((candidate) => !isBuilt(candidate))) {
    router.get([app.path, `${app.path}/*splat`], (_req, res) => {
      res
        .status(503)
        .type('html')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${app.label} not built</title></head>` +
            `<body style="font-family:system-ui,sans-serif;margin:2rem"><h1>${app.label} is not built yet</h1>` +
            `<p>There is no build output in <code>${app.workspace}/dist</code>. Build it with ` +
            `<code>npm run build --workspace ${app.workspace}</code> and restart <code>npm start</code>.</p>` +
            `<p>The API is running: see <a href="/api/docs">the API documentation</a>.</p></body></html>`,
        );
    });
  }
  return router;
}
