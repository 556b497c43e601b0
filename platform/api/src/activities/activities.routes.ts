import { Router } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError } from '../http/problems';
import { requireObject } from '../http/validate';
import type { ActivitiesService, ActivityInput } from './activities.service';

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new BadRequestError(`"${key}" must be a string.`, [
      { field: key, rule: 'type', message: `"${key}" must be a string.` },
    ]);
  return value;
}

export function activitiesRoutes(activities: ActivitiesService): Router {
  const router = Router();

  router.get('/:entity/:id/activities', async (req, res) => {
    res.json({ items: await activities.list(actorOf(req), req.params.entity ?? '', req.params.id ?? '') });
  });

  router.post('/:entity/:id/activities', async (req, res) => {
    const body = requireObject(req.body);
    const participants = body.participants;
    if (
      participants !== undefined &&
      (!Array.isArray(participants) || !participants.every((p) => typeof p === 'string'))
    )
      throw new BadRequestError('"participants" must be a list of strings.');
    const input: ActivityInput = {
      type: optionalString(body, 'type') ?? '',
      ...(body.topic !== undefined ? { topic: optionalString(body, 'topic') } : {}),
      ...(body.result !== undefined ? { result: optionalString(body, 'result') } : {}),
      ...(body.notes !== undefined ? { notes: optionalString(body, 'notes') } : {}),
      ...(body.occurredAt !== undefined ? { occurredAt: optionalString(body, 'occurredAt') } : {}),
      ...(participants !== undefined ? { participants: participants as string[] } : {}),
    };
    res.status(201).json(await activities.log(actorOf(req), req.params.id ?? '', input, req.params.entity));
  });

  return router;
}
