import { Router, type Request } from 'express';
import type { ProcessDefinition, SimulationAnswer } from '@crm/definitions';
import { can, type Actor } from '../auth/actor';
import { actorOf } from '../auth/request-context';
import { forwardToProcess, requireGateway } from '../approvals/process-forwarding';
import type { DefinitionsService } from '../definitions/definitions.service';
import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../http/problems';
import { isUuid, requireObject } from '../http/validate';
import type { Db } from '../db/db';
import type { AuditService } from '../records/audit.service';
import type { PublishedEntity, RecordsService } from '../records/records.service';
import { migrateInstances, parseMigrationRequest } from './process-migration';
import { requireCapability } from '../rbac/require-capability';
import type { InstanceKey, ProcessGateway } from './process-gateway';
import { startPendingProblem } from './process-start-outbox';
import { parseSimulationRequest, type SimulationService } from './simulation.service';

export interface ProcessesRoutesDeps {
  gateway: ProcessGateway | undefined;
  /** The starts a record still owes (its process is not running yet because of them). */
  owedStarts(recordId: string): Promise<{ processKey: string; attempts: number; nextAttemptAt: string }[]>;
  simulation: SimulationService;
  records: RecordsService;
  definitions: DefinitionsService;
  /** Where a migration of instances is audited, and its records' titles read. */
  audit: AuditService;
  db: Db;
  resolveEntity(key: string): Promise<PublishedEntity>;
}

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
/** Node, edge and checklist item ids (the definition language's ItemId). */
const ITEM_ID = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;
const WORKFLOW_ID = /^process:([a-z][a-z0-9_]{0,62}):([0-9a-f-]{36})$/;

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new BadRequestError(`Missing path parameter ${name}.`);
  return value;
}

/** The published processes of an entity, newest definition first. */
async function processesOf(definitions: DefinitionsService, entity: string): Promise<ProcessDefinition[]> {
  const published = await definitions.latestAll('process');
  return published.map((v) => v.content as unknown as ProcessDefinition).filter((p) => p.entity === entity);
}

/**
 * Routes under /api/processes: simulation, manual start, instances per version and their move to
 * another version, failed-step repair.
 */
export function processesRoutes(deps: ProcessesRoutesDeps): Router {
  const router = Router();

  router.post('/simulate', async (req, res) => {
    const result = await deps.simulation.run(actorOf(req), parseSimulationRequest(req.body));
    res.json(result satisfies SimulationAnswer);
  });

  router.post('/instances/:workflowId/steps/:step/:decision', async (req, res) => {
    const actor = actorOf(req);
    if (!can(actor, 'users.manage'))
      throw new ForbiddenError('Only an administrator may retry or skip a step.');
    const decision = param(req, 'decision');
    if (decision !== 'retry' && decision !== 'skip') throw new NotFoundError('Unknown step action.');
    const match = WORKFLOW_ID.exec(param(req, 'workflowId'));
    if (!match) throw new NotFoundError('No such process instance.');
    const key: InstanceKey = { processKey: match[1] ?? '', recordId: match[2] ?? '' };
    const gateway = requireGateway(deps.gateway);
    const record = await deps.records.findVisible(
      actor,
      await entityOfProcess(deps, key.processKey),
      key.recordId,
    );
    await gateway.resolveFailedStep({ ...key, recordId: record.id }, param(req, 'step'), decision);
    res.status(202).json({ workflowId: match[0], step: param(req, 'step'), decision });
  });

  router.post('/:key/start', async (req, res) => {
    const actor = actorOf(req);
    const processKey = processKeyParam(req);
    const body = requireObject(req.body);
    if (!isUuid(body.recordId))
      throw new BadRequestError('"recordId" must be the id of a record.', [
        { field: 'recordId', rule: 'type', message: 'A record id (uuid) is required.' },
      ]);
    const definition = (await deps.definitions.latest('process', processKey))
      .content as unknown as ProcessDefinition;
    await deps.records.findVisible(actor, definition.entity, body.recordId);
    if (!can(actor, 'records.write'))
      throw new ForbiddenError(`Your role "${actor.role}" lacks "records.write".`);
    if (!definition.triggers.some((t) => t.type === 'manual') && !can(actor, 'users.manage'))
      throw new ValidationError('This process cannot be started by hand.', [
        { rule: 'noManualTrigger', message: `"${definition.label}" has no manual trigger.` },
      ]);
    // The engine is asked last: a caller who may not start this process learns that, not the engine's state.
    const result = await requireGateway(deps.gateway).start(actor, { processKey, recordId: body.recordId });
    res.status(result.started ? 201 : 200).json(result);
  });

  // The capability first: someone who may not move instances learns that, not what their body lacks.
  router.post('/:key/migrate', requireCapability('definitions.publish'), async (req, res) => {
    const processKey = processKeyParam(req);
    const request = parseMigrationRequest(req.body);
    const gateway = requireGateway(deps.gateway);
    res.json(await migrateInstances({ ...deps, gateway }, actorOf(req), processKey, request));
  });

  router.get('/:key/instances', async (req, res) => {
    const actor = actorOf(req);
    if (!can(actor, 'definitions.read'))
      throw new ForbiddenError(`Your role "${actor.role}" lacks "definitions.read".`);
    const processKey = processKeyParam(req);
    const version = req.query.version;
    if (version !== undefined && (typeof version !== 'string' || !/^\d{1,9}$/.test(version)))
      throw new BadRequestError('"version" must be a version number.');
    await deps.definitions.latest('process', processKey);
    const gateway = requireGateway(deps.gateway);
    res.json({
      items: await gateway.instances(processKey, version === undefined ? undefined : Number(version)),
    });
  });

  return router;
}

function processKeyParam(req: Request): string {
  const key = param(req, 'key');
  if (!KEY.test(key)) throw new NotFoundError(`No process "${key}".`);
  return key;
}

async function entityOfProcess(deps: ProcessesRoutesDeps, processKey: string): Promise<string> {
  return ((await deps.definitions.latest('process', processKey)).content as unknown as ProcessDefinition)
    .entity;
}

/** Picks the process a record-level request is about: `process` when given, else the entity's only/first one with an instance. */
async function instanceFor(
  deps: ProcessesRoutesDeps,
  gateway: ProcessGateway,
  actor: Actor,
  entity: string,
  recordId: string,
  requested: unknown,
): Promise<{ key: InstanceKey; state: unknown }> {
  const record = await deps.records.findVisible(actor, entity, recordId);
  const candidates = (await processesOf(deps.definitions, entity)).filter(
    (p) => requested === undefined || p.key === requested,
  );
  for (const process of candidates) {
    const key = { processKey: process.key, recordId: record.id };
    // The engine out of reach (503) is also told apart for a record that still owes its start.
    const state = await orPending(deps, record.id, ServiceUnavailableError, () => gateway.state(key));
    if (state !== null) return { key, state };
  }
  throw await pendingOr(deps, record.id, new NotFoundError('No process runs for this record.'));
}

/** A record whose process start is still owed is told so instead of `error`. */
async function pendingOr(deps: ProcessesRoutesDeps, recordId: string, error: unknown): Promise<unknown> {
  const owed = await deps.owedStarts(recordId);
  return owed.length > 0 ? startPendingProblem(owed) : error;
}

/** Runs `work`; an error of class `kind` is answered as "not started yet" when the record owes its start. */
async function orPending<T>(
  deps: ProcessesRoutesDeps,
  recordId: string,
  kind: abstract new (...args: never[]) => Error,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof kind ? await pendingOr(deps, recordId, error) : error;
  }
}

/** Runs a user action; a record whose process has not started yet is told why. */
const onProcess = <T>(deps: ProcessesRoutesDeps, recordId: string, work: () => Promise<T>): Promise<T> =>
  orPending(deps, recordId, NotFoundError, () => forwardToProcess(work));

/** A user action on a record's process needs the record visible (404) and records.write (403). */
async function writableRecord(deps: ProcessesRoutesDeps, req: Request): Promise<Actor> {
  const actor = actorOf(req);
  await deps.records.findVisible(actor, param(req, 'entity'), param(req, 'id'));
  if (!can(actor, 'records.write'))
    throw new ForbiddenError(`Your role "${actor.role}" lacks "records.write".`);
  return actor;
}

/**
 * The instance a user action is for. When the entity has one published process (or the request
 * names one) the definitions already tell, so the engine is not asked first: a record without a
 * running instance is answered 404 by the action itself.
 */
async function actionTarget(
  deps: ProcessesRoutesDeps,
  req: Request,
  actor: Actor,
  requested: unknown,
): Promise<{ gateway: ProcessGateway; key: InstanceKey }> {
  const gateway = requireGateway(deps.gateway);
  const entity = param(req, 'entity');
  const recordId = param(req, 'id');
  const candidates = (await processesOf(deps.definitions, entity)).filter(
    (p) => requested === undefined || p.key === requested,
  );
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only !== undefined) return { gateway, key: { processKey: only.key, recordId } };
  return { gateway, key: (await instanceFor(deps, gateway, actor, entity, recordId, requested)).key };
}

/** Routes under /api/records: the record page's process panel and stage moves. */
export function recordProcessRoutes(deps: ProcessesRoutesDeps): Router {
  const router = Router();

  router.get('/:entity/:id/process', async (req, res) => {
    const actor = actorOf(req);
    await deps.records.findVisible(actor, param(req, 'entity'), param(req, 'id'));
    const gateway = requireGateway(deps.gateway);
    const { state } = await instanceFor(
      deps,
      gateway,
      actor,
      param(req, 'entity'),
      param(req, 'id'),
      req.query.process,
    );
    res.json(state);
  });

  router.post('/:entity/:id/process/move', async (req, res) => {
    const actor = await writableRecord(deps, req);
    const body = requireObject(req.body);
    const checked = body.checkedItems;
    if (typeof body.to !== 'string' || body.to === '')
      throw new BadRequestError('"to" must name a transition or a stage.', [
        { field: 'to', rule: 'type', message: 'Say where the record should move.' },
      ]);
    if (checked !== undefined && (!Array.isArray(checked) || !checked.every((c) => typeof c === 'string')))
      throw new BadRequestError('"checkedItems" must list checklist item ids.');
    const { gateway, key } = await actionTarget(deps, req, actor, body.process);
    const to = body.to;
    const after = await onProcess(deps, key.recordId, () =>
      gateway.move(actor, key, {
        target: to,
        ...(checked === undefined ? {} : { checkedItems: checked as string[] }),
      }),
    );
    res.json(after ?? (await gateway.state(key)));
  });

  // Ticks are kept by the process instance (durably, in its history) and count for later moves.
  router.put('/:entity/:id/process/checklist/:itemId', async (req, res) => {
    const actor = await writableRecord(deps, req);
    const body = requireObject(req.body);
    if (typeof body.checked !== 'boolean')
      throw new BadRequestError('"checked" must be true or false.', [
        { field: 'checked', rule: 'type', message: 'Say whether the item is ticked (true) or not (false).' },
      ]);
    if (body.stage !== undefined && (typeof body.stage !== 'string' || !ITEM_ID.test(body.stage)))
      throw new BadRequestError('"stage" must name a stage of the process.', [
        { field: 'stage', rule: 'type', message: 'A stage node id.' },
      ]);
    const itemId = param(req, 'itemId');
    if (!ITEM_ID.test(itemId)) throw new NotFoundError(`No checklist item "${itemId}".`);
    const { gateway, key } = await actionTarget(deps, req, actor, body.process);
    const checked = body.checked;
    const stage = body.stage;
    const after = await onProcess(deps, key.recordId, () =>
      gateway.tickChecklist(actor, key, {
        itemId,
        checked,
        ...(typeof stage === 'string' ? { nodeId: stage } : {}),
      }),
    );
    res.json(after ?? (await gateway.state(key)));
  });

  return router;
}
