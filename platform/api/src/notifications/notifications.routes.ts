import { Router } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError } from '../http/problems';
import type { NotificationsService } from './notifications.service';

export function notificationsRoutes(notifications: NotificationsService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const unread = req.query.unread;
    if (unread !== undefined && unread !== 'true' && unread !== 'false')
      throw new BadRequestError('"unread" must be true or false.');
    const limit = typeof req.query.limit === 'string' ? Number(req.query.limit) : undefined;
    if (limit !== undefined && !Number.isInteger(limit))
      throw new BadRequestError('"limit" must be an integer.');
    res.json({
      items: await notifications.listMine(actorOf(req), {
        unreadOnly: unread === 'true',
        ...(limit !== undefined ? { limit } : {}),
      }),
    });
  });

  router.post('/:id/read', async (req, res) => {
    res.json(await notifications.markRead(actorOf(req), req.params.id ?? ''));
  });

  return router;
}
