import { Router, type Request } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError, type ProblemEntry } from '../http/problems';
import { requireObject } from '../http/validate';
import type { ManualTaskInput, TaskFilter, TasksService } from './tasks.service';

const FILTERS: readonly TaskFilter[] = ['open', 'done', 'overdue'];

function queryString(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`"${name}" must be given once.`);
  return value;
}

function parseFilter(req: Request): { filter: TaskFilter; mine: boolean } {
  const status = queryString(req, 'status') ?? 'open';
  const filter = FILTERS.find((candidate) => candidate === status);
  if (!filter) throw new BadRequestError(`"status" must be one of ${FILTERS.join(', ')}.`);
  const mine = queryString(req, 'mine') ?? 'true';
  if (mine !== 'true' && mine !== 'false') throw new BadRequestError('"mine" must be true or false.');
  return { filter, mine: mine === 'true' };
}

function parseManualTask(body: unknown): ManualTaskInput {
  const input = requireObject(body);
  const errors: ProblemEntry[] = [];
  const text = (key: string, required: boolean): string | undefined => {
    const value = input[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string') {
      errors.push({ field: key, rule: 'type', message: `"${key}" must be a string.` });
      return undefined;
    }
    return value;
  };
  const title = text('title', true) ?? '';
  const description = text('description', false);
  const dueAt = text('dueAt', false);
  const assigneeId = text('assigneeId', false);
  const unknown = Object.keys(input).filter(
    (key) => !['title', 'description', 'dueAt', 'assigneeId'].includes(key),
  );
  for (const key of unknown)
    errors.push({ field: key, rule: 'unknownProperty', message: `Unknown property "${key}".` });
  if (errors.length > 0) throw new BadRequestError('The task payload is malformed.', errors);
  return {
    title,
    ...(description === undefined ? {} : { description }),
    ...(dueAt === undefined ? {} : { dueAt }),
    ...(assigneeId === undefined ? {} : { assigneeId }),
  };
}

/** `/api/tasks`: my tasks and my roles' queues; completing one. */
export function tasksRoutes(tasks: TasksService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { filter, mine } = parseFilter(req);
    res.json({ items: await tasks.list(actorOf(req), filter, mine) });
  });
  router.post('/:id/complete', async (req, res) => {
    res.json(await tasks.complete(actorOf(req), req.params.id ?? ''));
  });
  return router;
}

/** `/api/records/:entity/:id/tasks`: the tasks of one record, and manual tasks on it. */
export function recordTasksRoutes(tasks: TasksService): Router {
  const router = Router();
  router.get('/:entity/:id/tasks', async (req, res) => {
    res.json({ items: await tasks.forRecord(actorOf(req), req.params.entity ?? '', req.params.id ?? '') });
  });
  router.post('/:entity/:id/tasks', async (req, res) => {
    const input = parseManualTask(req.body);
    res
      .status(201)
      .json(await tasks.createManual(actorOf(req), req.params.entity ?? '', req.params.id ?? '', input));
  });
  return router;
}
