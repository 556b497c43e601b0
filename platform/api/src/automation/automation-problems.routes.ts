import { Router } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError, ServiceUnavailableError } from '../http/problems';
import type { ProcessStartOutbox } from '../processes/process-start-outbox';
import { assertCapability } from '../rbac/require-capability';
import type { AutomationProblemsService } from './automation-problems.service';

/** Routes under /api/automation: what is stuck, and "retry now" for an owed process start. */
export function automationProblemsRoutes(deps: {
  problems: AutomationProblemsService;
  starts: ProcessStartOutbox | undefined;
}): Router {
  const router = Router();

  router.get('/problems', async (req, res) => {
    const raw = req.query.limit;
    if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw) || Number(raw) < 1))
      throw new BadRequestError('"limit" must be a whole number from 1 to 9999.', [
        { field: 'limit', rule: 'type', message: 'A whole number from 1 to 9999.' },
      ]);
    res.json(await deps.problems.list(actorOf(req), raw === undefined ? undefined : Number(raw)));
  });

  router.post('/owed-starts/:id/retry', async (req, res) => {
    assertCapability(actorOf(req), 'users.manage');
    if (deps.starts === undefined)
      throw new ServiceUnavailableError(
        'The process engine is not configured, so no start can be tried now.',
      );
    res.json(await deps.starts.retryNow(req.params.id ?? ''));
  });

  return router;
}
