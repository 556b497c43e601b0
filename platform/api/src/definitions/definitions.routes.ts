import { isStoredKind, type DefinitionDiff, type VersionMeta, type VersionRef } from '@crm/definitions';
import { Router, type Request } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError, NotFoundError } from '../http/problems';
import { isPlainObject, requireObject } from '../http/validate';
import { requireCapability } from '../rbac/require-capability';
import { parseMigration } from './data-migration';
import type { DefinitionsService } from './definitions.service';
import type { DefinitionKind } from './versions.repository';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

function kindKey(req: Request): { kind: DefinitionKind; key: string } {
  const { kind, key } = req.params;
  if (typeof kind !== 'string' || !isStoredKind(kind))
    throw new NotFoundError(`Unknown definition kind "${String(kind)}".`);
  if (typeof key !== 'string' || !KEY.test(key)) throw new NotFoundError(`No ${kind} "${String(key)}".`);
  return { kind, key };
}

function versionRef(value: unknown, name: string): VersionRef {
  if (value === 'draft' || value === 'latest') return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  throw new BadRequestError(`"${name}" must be a version number, "latest" or "draft".`);
}

function parsePublishBody(body: unknown) {
  const input = requireObject(body);
  const items = input.items;
  if (!Array.isArray(items) || items.length === 0)
    throw new BadRequestError('"items" must list the definitions to publish.');
  const ids = items.map((item, i) => {
    if (
      !isPlainObject(item) ||
      typeof item.kind !== 'string' ||
      !isStoredKind(item.kind) ||
      typeof item.key !== 'string' ||
      !KEY.test(item.key)
    )
      throw new BadRequestError(`items[${i}] must be { kind, key } of a definition.`);
    return { kind: item.kind, key: item.key };
  });
  return {
    ids,
    migration: parseMigration(
      input.migration,
      ids.filter((i) => i.kind === 'entity').map((i) => i.key),
    ),
  };
}

export function definitionsRoutes(definitions: DefinitionsService): Router {
  const router = Router();
  const read = requireCapability('definitions.read');

  // Published definitions drive every generated screen: any signed-in user may read them.
  router.get('/published', async (req, res) => {
    const kind = req.query.kind;
    if (kind !== undefined && (typeof kind !== 'string' || !isStoredKind(kind)))
      throw new BadRequestError('Unknown kind.');
    res.json({ items: await definitions.latestAll(kind) });
  });

  router.get('/drafts', read, async (req, res) => {
    res.json({ items: await definitions.listDrafts(actorOf(req)) });
  });

  router.get('/drafts/:kind/:key', read, async (req, res) => {
    const { kind, key } = kindKey(req);
    res.json(await definitions.getDraft(actorOf(req), kind, key));
  });

  router.put('/drafts/:kind/:key', async (req, res) => {
    const { kind, key } = kindKey(req);
    res.json(await definitions.putDraft(actorOf(req), kind, key, requireObject(req.body)));
  });

  router.delete('/drafts/:kind/:key', async (req, res) => {
    const { kind, key } = kindKey(req);
    await definitions.deleteDraft(actorOf(req), kind, key);
    res.status(204).end();
  });

  router.post('/validate', read, async (req, res) => {
    res.json(await definitions.validate(actorOf(req)));
  });

  router.post('/publish', async (req, res) => {
    const { ids, migration } = parsePublishBody(req.body);
    res.json({ items: await definitions.publishDrafts(actorOf(req), ids, migration) });
  });

  router.get('/:kind/:key', async (req, res) => {
    const { kind, key } = kindKey(req);
    res.json(await definitions.latest(kind, key));
  });

  router.get('/:kind/:key/versions', async (req, res) => {
    const { kind, key } = kindKey(req);
    const versions = await definitions.versions(kind, key);
    if (versions.length === 0) throw new NotFoundError(`No published ${kind} "${key}".`);
    res.json({ items: versions.map(({ content: _content, ...meta }): VersionMeta => meta) });
  });

  router.get('/:kind/:key/versions/:version', async (req, res) => {
    const { kind, key } = kindKey(req);
    const version = versionRef(req.params.version, 'version');
    if (typeof version !== 'number') throw new BadRequestError('"version" must be a number.');
    res.json(await definitions.version(kind, key, version));
  });

  router.get('/:kind/:key/diff', async (req, res) => {
    const { kind, key } = kindKey(req);
    const from = versionRef(req.query.from ?? 'latest', 'from');
    const to = versionRef(req.query.to ?? 'draft', 'to');
    const changes = await definitions.diff(actorOf(req), kind, key, from, to);
    res.json({ kind, key, from, to, changes } satisfies DefinitionDiff);
  });

  return router;
}

export function solutionRoutes(definitions: DefinitionsService): Router {
  const router = Router();

  router.get('/export', requireCapability('definitions.read'), async (_req, res) => {
    const solution = await definitions.exportSolution();
    res.attachment(`${solution.key}.solution.json`).json(solution);
  });

  router.post('/import', async (req, res) => {
    const body = requireObject(req.body);
    // Either the solution document itself, or { solution, migration }.
    const solution = isPlainObject(body.solution) ? body.solution : body;
    const entityKeys = Array.isArray(solution.entities)
      ? solution.entities.flatMap((e: unknown) =>
          isPlainObject(e) && typeof e.key === 'string' ? [e.key] : [],
        )
      : [];
    const migration = parseMigration(isPlainObject(body.solution) ? body.migration : undefined, entityKeys);
    res.json({ items: await definitions.importSolution(solution, actorOf(req), migration) });
  });

  return router;
}
