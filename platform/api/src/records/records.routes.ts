import { Router, type Request } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError } from '../http/problems';
import { isPlainObject, requireObject, requireStrings } from '../http/validate';
import { parseListQuery } from './list-query-parser';
import { parseIfMatch, parseRecordBody } from './record-input';
import type { PublishedEntity, RecordsService } from './records.service';

export interface RecordsRoutesDeps {
  records: RecordsService;
  resolveEntity(key: string): Promise<PublishedEntity>;
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new BadRequestError(`Missing path parameter ${name}.`);
  return value;
}

export function recordsRoutes(deps: RecordsRoutesDeps): Router {
  const router = Router();
  const { records } = deps;

  router.get('/:entity', async (req, res) => {
    const query = isPlainObject(req.query) ? req.query : {};
    res.json(await records.list(actorOf(req), param(req, 'entity'), parseListQuery(query)));
  });

  router.post('/:entity', async (req, res) => {
    const entityKey = param(req, 'entity');
    const published = await deps.resolveEntity(entityKey);
    const body = parseRecordBody(req.body, published.entity, false);
    const record = await records.create(actorOf(req), entityKey, body.data);
    res
      .status(201)
      .location(`${req.baseUrl}/${entityKey}/${record.id}`)
      .set('ETag', `"${record.version}"`)
      .json(record);
  });

  router.get('/:entity/:id', async (req, res) => {
    const record = await records.get(actorOf(req), param(req, 'entity'), param(req, 'id'));
    res.set('ETag', `"${record.version}"`).json(record);
  });

  router.patch('/:entity/:id', async (req, res) => {
    const entityKey = param(req, 'entity');
    const actor = actorOf(req);
    // Visibility first: an invisible record is a 404 whatever the payload says.
    await records.findVisible(actor, entityKey, param(req, 'id'));
    const published = await deps.resolveEntity(entityKey);
    const body = parseRecordBody(req.body, published.entity, true);
    const ifMatch = parseIfMatch(req.get('If-Match'));
    const options =
      ifMatch !== undefined
        ? { expectedVersion: ifMatch, versionSource: 'ifMatch' as const }
        : body.version !== undefined
          ? { expectedVersion: body.version, versionSource: 'body' as const }
          : {};
    const record = await records.update(actor, entityKey, param(req, 'id'), body.data, options);
    res.set('ETag', `"${record.version}"`).json(record);
  });

  router.delete('/:entity/:id', async (req, res) => {
    await records.remove(
      actorOf(req),
      param(req, 'entity'),
      param(req, 'id'),
      parseIfMatch(req.get('If-Match')),
    );
    res.status(204).end();
  });

  router.put('/:entity/:id/owner', async (req, res) => {
    const { ownerId } = requireStrings(requireObject(req.body), ['ownerId']);
    res.json(await records.assign(actorOf(req), param(req, 'entity'), param(req, 'id'), ownerId));
  });

  router.get('/:entity/:id/shares', async (req, res) => {
    res.json({ items: await records.shares(actorOf(req), param(req, 'entity'), param(req, 'id')) });
  });

  router.post('/:entity/:id/shares', async (req, res) => {
    const { userId } = requireStrings(requireObject(req.body), ['userId']);
    await records.share(actorOf(req), param(req, 'entity'), param(req, 'id'), userId);
    res.status(204).end();
  });

  router.delete('/:entity/:id/shares/:userId', async (req, res) => {
    await records.unshare(actorOf(req), param(req, 'entity'), param(req, 'id'), param(req, 'userId'));
    res.status(204).end();
  });

  router.get('/:entity/:id/audit', async (req, res) => {
    res.json({ items: await records.auditTrail(actorOf(req), param(req, 'entity'), param(req, 'id')) });
  });

  return router;
}
