import { Router, type Request } from 'express';
import { actorOf } from '../auth/request-context';
import { NotFoundError } from '../http/problems';
import { isPlainObject } from '../http/validate';
import { requireCapability } from '../rbac/require-capability';
import { parseFunnelQuery, parseSnapshotQuery } from './analytics-query';
import type { AnalyticsService } from './analytics.service';

function processKey(req: Request): string {
  const value = req.params.processKey;
  // Keys follow the definition language's pattern; anything else cannot name a process.
  if (typeof value !== 'string' || !/^[a-z][a-z0-9_]{0,62}$/.test(value))
    throw new NotFoundError(`There is no published process "${String(value)}".`);
  return value;
}

const queryOf = (req: Request) => (isPlainObject(req.query) ? req.query : {});

/**
 * Pipeline analytics per published process. The snapshot is what the kanban shows (open records
 * per stage), so reading records is enough; the history (conversion, time in stage, win rates,
 * activity per rep) needs `analytics.read`. Both count only the records the caller may see.
 */
export function analyticsRoutes(analytics: AnalyticsService): Router {
  const router = Router();

  router.get('/processes/:processKey/snapshot', requireCapability('records.read'), async (req, res) => {
    res.json(await analytics.snapshot(actorOf(req), processKey(req), parseSnapshotQuery(queryOf(req))));
  });

  router.get('/processes/:processKey/funnel', requireCapability('analytics.read'), async (req, res) => {
    res.json(await analytics.funnel(actorOf(req), processKey(req), parseFunnelQuery(queryOf(req))));
  });

  return router;
}
