import { Router } from 'express';
import { actorOf } from '../auth/request-context';
import type { AutomationLogService } from './automation-log.service';

export function automationRoutes(automation: AutomationLogService): Router {
  const router = Router();
  router.get('/:entity/:id/automation', async (req, res) => {
    res.json({
      items: await automation.forRecord(actorOf(req), req.params.entity ?? '', req.params.id ?? ''),
    });
  });
  return router;
}
