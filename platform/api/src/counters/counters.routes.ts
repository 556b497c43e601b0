// `GET /api/counters`: what waits for the signed-in user, for the navigation's badges. One small
// request instead of three lists, each count in the scope of the list it stands for.
import type { WorkCounters } from '@crm/definitions';
import { Router } from 'express';
import type { Actor } from '../auth/actor';
import { actorOf } from '../auth/request-context';

export interface CountersDeps {
  tasks: { countMine(actor: Actor): Promise<WorkCounters['tasks']> };
  approvals: { countPending(actor: Actor): Promise<number> };
  automationProblems: { count(actor: Actor): Promise<number | null> };
}

export function countersRoutes(deps: CountersDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const actor = actorOf(req);
    const [tasks, pending, automationProblems] = await Promise.all([
      deps.tasks.countMine(actor),
      deps.approvals.countPending(actor),
      deps.automationProblems.count(actor),
    ]);
    res.json({ tasks, approvals: { pending }, automationProblems } satisfies WorkCounters);
  });
  return router;
}
