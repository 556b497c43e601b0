import { Router, type Request } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError } from '../http/problems';
import { requireObject, requireStrings } from '../http/validate';
import type { ApprovalFilter, ApprovalsService, DecisionInput } from './approvals.service';

function parseFilter(req: Request): ApprovalFilter {
  const value: unknown = (req.query as Record<string, unknown>).status ?? 'pending';
  if (value !== 'pending' && value !== 'decided')
    throw new BadRequestError('"status" must be "pending" or "decided".');
  return value;
}

export function parseDecision(body: unknown): DecisionInput {
  const input = requireObject(body);
  const { decision, comment } = input;
  if (decision !== 'approved' && decision !== 'rejected')
    throw new BadRequestError('"decision" must be "approved" or "rejected".', [
      { field: 'decision', rule: 'enum', message: '"decision" must be "approved" or "rejected".' },
    ]);
  if (comment !== undefined && typeof comment !== 'string')
    throw new BadRequestError('"comment" must be a string.', [
      { field: 'comment', rule: 'type', message: '"comment" must be a string.' },
    ]);
  return { decision, ...(comment === undefined ? {} : { comment }) };
}

/** `/api/approvals`: the approver's inbox, decisions and delegation. */
export function approvalsRoutes(approvals: ApprovalsService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ items: await approvals.list(actorOf(req), parseFilter(req)) });
  });
  router.post('/:id/decision', async (req, res) => {
    res.json(await approvals.decide(actorOf(req), req.params.id ?? '', parseDecision(req.body)));
  });
  router.post('/:id/delegate', async (req, res) => {
    const { toUserId } = requireStrings(requireObject(req.body), ['toUserId']);
    res.json(await approvals.delegate(actorOf(req), req.params.id ?? '', toUserId));
  });
  return router;
}

/** `/api/records/:entity/:id/approvals`: the approvals of one record, for its timeline. */
export function recordApprovalsRoutes(approvals: ApprovalsService): Router {
  const router = Router();
  router.get('/:entity/:id/approvals', async (req, res) => {
    res.json({
      items: await approvals.forRecord(actorOf(req), req.params.entity ?? '', req.params.id ?? ''),
    });
  });
  return router;
}
