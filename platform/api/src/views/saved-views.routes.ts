import { Router } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError } from '../http/problems';
import { parseViewBody } from './saved-view-input';
import type { SavedViewsService } from './saved-views.service';

/** `/api/views`: the caller's saved list views and those shared with the team. */
export function savedViewsRoutes(views: SavedViewsService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const entity: unknown = (req.query as Record<string, unknown>).entity;
    if (entity !== undefined && typeof entity !== 'string')
      throw new BadRequestError('"entity" must be given once.', [
        { field: 'entity', rule: 'type', message: '"entity" must be given once.' },
      ]);
    res.json({ items: await views.list(actorOf(req), entity) });
  });

  router.post('/', async (req, res) => {
    const view = await views.create(actorOf(req), parseViewBody(req.body, false));
    res.status(201).location(`${req.baseUrl}/${view.id}`).json(view);
  });

  router.get('/:id', async (req, res) => {
    res.json(await views.get(actorOf(req), req.params.id ?? ''));
  });

  router.patch('/:id', async (req, res) => {
    const actor = actorOf(req);
    // Who may touch the view is decided before the payload is looked at.
    await views.assertOwner(actor, req.params.id ?? '');
    res.json(await views.update(actor, req.params.id ?? '', parseViewBody(req.body, true)));
  });

  router.delete('/:id', async (req, res) => {
    await views.remove(actorOf(req), req.params.id ?? '');
    res.status(204).end();
  });

  return router;
}
