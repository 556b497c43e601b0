import { existsSync } from 'node:fs';
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
}

/** The two UIs, served from the platform's own origin so that session cookies just work. */
export function uiApps(root = findRepoRoot()): UiApp[] {
  return [
    {
      path: '/app',
      dir: path.join(root, 'platform/runtime-ui/dist'),
      label: 'CRM app',
      workspace: 'platform/runtime-ui',
    },
    {
      path: '/designer',
      dir: path.join(root, 'platform/designer/dist'),
      label: 'Designer',
      workspace: 'platform/designer',
    },
  ];
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
