// `/api/approval-links/:token`: an approver's mailed decision link, without signing in. The link is
// the credential: it stands for one approval and one user, and deciding through it runs every check
// the inbox runs for that user (approvals.decide, eligible, still pending, a comment when required).
// An unknown, expired or malformed link, or one of a deactivated user, is a 404 that says only that.
import type { ApprovalLinkView } from '@crm/definitions';
import { Router, type Request } from 'express';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../http/problems';
import type { ApprovalLinks } from './approval-links';
import { parseDecision } from './approvals.routes';
import type { ApprovalsService } from './approvals.service';

export interface ApprovalLinkRoutesDeps {
  links: Pick<ApprovalLinks, 'resolve'>;
  approvals: Pick<ApprovalsService, 'get' | 'decide'>;
  actorFor(userId: string): Promise<Actor | undefined>;
  users: { get(id: string): Promise<{ id: string; name: string }> };
}

export function approvalLinkRoutes(deps: ApprovalLinkRoutesDeps): Router {
  const router = Router();

  async function holder(req: Request) {
    const token = req.params.token;
    const target = typeof token === 'string' ? await deps.links.resolve(token) : undefined;
    const actor = target && (await deps.actorFor(target.userId));
    if (!target || !actor) throw new NotFoundError('This approval link is not valid or has expired.');
    const user = await deps.users.get(actor.id);
    return { actor, approvalId: target.approvalId, approver: { id: user.id, name: user.name } };
  }

  router.get('/:token', async (req, res) => {
    const { actor, approvalId, approver } = await holder(req);
    res.json({ approval: await deps.approvals.get(actor, approvalId), approver } satisfies ApprovalLinkView);
  });

  router.post('/:token/decision', async (req, res) => {
    const { actor, approvalId, approver } = await holder(req);
    const approval = await deps.approvals.decide(actor, approvalId, parseDecision(req.body), 'link');
    res.json({ approval, approver } satisfies ApprovalLinkView);
  });

  return router;
}
