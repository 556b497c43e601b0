// Serves a built single-page app (the designer, the runtime UI) from the platform's own origin.
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';
import type { StaticApp } from '../config';

/**
 * The app's files, and its index.html for every other GET below its path so that deep links
 * (`/designer/processes/deal_pipeline`) survive a reload. An app whose code compiles validators at
 * run time (ajv, in the designer) declares `allowsScriptEval`: only its own pages then get
 * `'unsafe-eval'` in the Content-Security-Policy; every other page keeps helmet's strict default.
 */
export function staticAppRouter(app: StaticApp): Router {
  const router = Router();
  if (app.allowsScriptEval === true) {
    router.use(
      helmet.contentSecurityPolicy({
        directives: { scriptSrc: ["'self'", "'unsafe-eval'"] },
      }),
    );
  }
  router.use(express.static(app.dir, { index: 'index.html', fallthrough: true }));
  router.get('/*splat', (req, res, next) => {
    if (path.extname(req.path) !== '') return next();
    res.sendFile(path.join(app.dir, 'index.html'));
  });
  return router;
}
