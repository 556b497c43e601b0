import { Router } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError, type ProblemEntry } from '../http/problems';
import { requireObject } from '../http/validate';
import type { CommentsService } from './comments.service';

function parseCommentBody(body: unknown): string {
  const input = requireObject(body);
  const errors: ProblemEntry[] = Object.keys(input)
    .filter((key) => key !== 'body')
    .map((key) => ({
      field: key,
      pointer: `/${key}`,
      rule: 'unknownProperty',
      message: `Unknown property "${key}".`,
    }));
  if (typeof input.body !== 'string')
    errors.push({ field: 'body', pointer: '/body', rule: 'type', message: '"body" must be a string.' });
  if (errors.length > 0) throw new BadRequestError('The comment payload is malformed.', errors);
  return input.body as string;
}

/** `/api/records/:entity/:id/comments`: the comments of one record, and adding one. */
export function recordCommentsRoutes(comments: CommentsService): Router {
  const router = Router();
  router.get('/:entity/:id/comments', async (req, res) => {
    res.json({ items: await comments.list(actorOf(req), req.params.entity ?? '', req.params.id ?? '') });
  });
  router.post('/:entity/:id/comments', async (req, res) => {
    const actor = actorOf(req);
    const entity = req.params.entity ?? '';
    const id = req.params.id ?? '';
    // Visibility before the payload: an invisible record is a 404 whatever the body says.
    await comments.assertVisible(actor, entity, id);
    res.status(201).json(await comments.add(actor, entity, id, parseCommentBody(req.body)));
  });
  return router;
}
