// The Temporal implementation of the api's door to running processes: starts pin the latest
// published version, user actions are Updates (validated inside the workflow against the record
// snapshot loaded here), record changes are Signals, and the record page reads a Query.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import {
  WORKFLOW_NAMES,
  completeTaskUpdate,
  tickChecklistUpdate,
  decideApprovalUpdate,
  delegateApprovalUpdate,
  logActivityUpdate,
  migrateUpdate,
  moveUpdate,
  processStateQuery,
  processWorkflowId,
  recordChangedSignal,
  retryStepSignal,
  skipStepSignal,
  type InterpreterActor,
  type MigrateArgs,
  type ProcessStateView,
  type ProcessWorkflowInput,
} from '@crm/workflows/contract';
import type { ProcessDefinition } from '@crm/definitions';
import type { Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import { ConflictError, NotFoundError } from '../http/problems';
import type { PublishedEntity } from '../records/records.service';
import {
  type InstanceKey,
  type ProcessGateway,
  type ProcessInstanceSummary,
  type StartActor,
} from './process-gateway';
import { pinnedAlongside } from './pinned-input';
import { loadProcessRecordView } from './record-snapshot';
import { engineUnavailable, mapUpdateError, unreachable } from './temporal-errors';

export interface TemporalGatewayDeps {
  client: Client;
  taskQueue: string;
  /** How long a start may take before it is given up (and, when owed, retried later); 5 s. */
  startTimeoutMs?: number;
  /** How long an action or a state query may wait for the engine before it answers 503; 15 s. */
  actionTimeoutMs?: number;
  db: Db;
  definitions: DefinitionsService;
  resolveEntity(key: string): Promise<PublishedEntity>;
}

const interpreterActor = (actor: StartActor): InterpreterActor => ({
  userId: actor.id,
  roles: [actor.role],
});

/**
 * How long a start may take before the caller gives up on it by default (the client would otherwise
 * keep retrying an unreachable server); a start owed by a record's creation is then retried later.
 */
const START_TIMEOUT_MS = 5000;
const ACTION_TIMEOUT_MS = 15_000;

export function createTemporalProcessGateway(deps: TemporalGatewayDeps): ProcessGateway {
  const { client, definitions } = deps;
  const handle = (key: InstanceKey): WorkflowHandle =>
    client.workflow.getHandle(processWorkflowId(key.processKey, key.recordId));
  /** The record as an action on the instance sees it: one statement when the process is published. */
  const snapshot = async (key: InstanceKey) => {
    const process = (await definitions.latestAll('process')).find((v) => v.key === key.processKey);
    const entity = (process?.content as unknown as ProcessDefinition | undefined)?.entity;
    return (
      await loadProcessRecordView(
        deps.db,
        deps.resolveEntity,
        key.recordId,
        entity === undefined ? {} : { entity },
      )
    ).view;
  };

  const actionDeadline = () => Date.now() + (deps.actionTimeoutMs ?? ACTION_TIMEOUT_MS);

  async function update<A>(key: InstanceKey, run: (h: WorkflowHandle) => Promise<A>): Promise<A> {
    try {
      return await client.withDeadline(actionDeadline(), () => run(handle(key)));
    } catch (error) {
      mapUpdateError(error);
    }
  }

  /** A query or signal on the instance, bounded like an action; an unreachable engine is a 503. */
  async function call<A>(run: () => Promise<A>): Promise<A> {
    try {
      return await client.withDeadline(actionDeadline(), run);
    } catch (error) {
      if (unreachable(error)) throw engineUnavailable();
      throw error;
    }
  }

  return {
    async start(actor, key, known) {
      const workflowId = processWorkflowId(key.processKey, key.recordId);
      // The published cache (seen by every instance within a second of a publish) pins the version.
      const published = await definitions.latestAll();
      const version = published.find((v) => v.kind === 'process' && v.key === key.processKey);
      if (version === undefined) throw new NotFoundError(`No published process "${key.processKey}".`);
      const definition = version.content as unknown as ProcessDefinition;
      const { entity, view } = await loadProcessRecordView(
        deps.db,
        deps.resolveEntity,
        key.recordId,
        known?.id === key.recordId ? { known } : {},
      );
      if (entity !== definition.entity)
        throw new NotFoundError(`Process "${key.processKey}" does not run for ${entity} records.`);
      const input: ProcessWorkflowInput = {
        instance: {
          workflowId,
          processKey: key.processKey,
          processVersion: version.version,
          recordId: key.recordId,
          entity,
        },
        definition,
        ...pinnedAlongside(published, definition),
        record: view,
        ...(actor === null ? {} : { actor: interpreterActor(actor) }),
      };
      try {
        const options: WorkflowStartOptions = {
          workflowId,
          taskQueue: deps.taskQueue,
          args: [input],
          // One instance per process and record, ever: a second start (running or finished) is a no-op.
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: {
            processKey: key.processKey,
            processVersion: version.version,
            recordId: key.recordId,
            entity,
          },
        };
        await client.withDeadline(Date.now() + (deps.startTimeoutMs ?? START_TIMEOUT_MS), () =>
          client.workflow.start(WORKFLOW_NAMES.process, options),
        );
        return { workflowId, started: true };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
        throw error;
      }
    },

    async move(actor, key, request) {
      const record = await snapshot(key);
      const result = await update(key, (h) =>
        h.executeUpdate(moveUpdate, {
          args: [
            {
              actor: interpreterActor(actor),
              record,
              target: request.target,
              ...(request.checkedItems === undefined ? {} : { checkedItems: request.checkedItems }),
            },
          ],
        }),
      );
      return result.view;
    },

    async activityLogged(_actor, key, activity) {
      const record = await snapshot(key);
      await update(key, (h) =>
        h.executeUpdate(logActivityUpdate, {
          args: [
            {
              record,
              activityType: activity.type,
              at: activity.at,
              ...(activity.result === undefined ? {} : { result: activity.result }),
            },
          ],
        }),
      );
    },

    async recordChanged(key, known) {
      const record = known ?? (await snapshot(key));
      try {
        await handle(key).signal(recordChangedSignal, { record });
      } catch (error) {
        // No instance (or a finished one) for this record: nothing to re-evaluate.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    },

    async decideApproval(actor, key, decision) {
      const record = await snapshot(key);
      await update(key, (h) =>
        h.executeUpdate(decideApprovalUpdate, {
          args: [{ ...decision, actor: interpreterActor(actor), record }],
        }),
      );
    },

    async delegateApproval(actor, key, delegation) {
      const record = await snapshot(key);
      await update(key, (h) =>
        h.executeUpdate(delegateApprovalUpdate, {
          args: [{ ...delegation, actor: interpreterActor(actor), record }],
        }),
      );
    },

    async tickChecklist(actor, key, tick) {
      const record = await snapshot(key);
      const result = await update(key, (h) =>
        h.executeUpdate(tickChecklistUpdate, { args: [{ ...tick, actor: interpreterActor(actor), record }] }),
      );
      return result.view;
    },

    async completeTask(actor, key, taskId) {
      const record = await snapshot(key);
      await update(key, (h) =>
        h.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor: interpreterActor(actor), record }] }),
      );
    },

    async state(key): Promise<ProcessStateView | null> {
      try {
        return await call(() => handle(key).query(processStateQuery));
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      }
    },

    async resolveFailedStep(key, stepKey, decision) {
      try {
        // A decision for a step that is not parked would wait in the instance and settle a later
        // failure of the same step unasked; refuse it instead.
        const { failedSteps } = await call(() => handle(key).query(processStateQuery));
        if (!failedSteps.some((step) => step.key === stepKey))
          throw new ConflictError(
            `Step "${stepKey}" is not waiting for a decision: it has not failed, or it was already retried or skipped.`,
          );
        await call(() =>
          handle(key).signal(decision === 'retry' ? retryStepSignal : skipStepSignal, { key: stepKey }),
        );
      } catch (error) {
        if (error instanceof WorkflowNotFoundError)
          throw new NotFoundError('No process is running for this record.');
        throw error;
      }
    },

    async migrate(key, toVersion) {
      const target = await definitions.version('process', key.processKey, toVersion);
      const definition = target.content as unknown as ProcessDefinition;
      const args: MigrateArgs = {
        definition,
        version: target.version,
        ...pinnedAlongside(await definitions.latestAll(), definition),
      };
      return update(key, (h) => h.executeUpdate(migrateUpdate, { args: [args] }));
    },

    async instances(processKey, version) {
      const out: ProcessInstanceSummary[] = [];
      const prefix = processWorkflowId(processKey, '');
      for await (const execution of client.workflow.list({
        query: `WorkflowType = '${WORKFLOW_NAMES.process}'`,
      })) {
        const memo = execution.memo ?? {};
        if (!execution.workflowId.startsWith(prefix)) continue;
        // A run that continued as new (a long history, a move to another version) is not an
        // instance of its own: its successor, with the same workflow id, is listed.
        if (execution.status.name === 'CONTINUED_AS_NEW') continue;
        const pinned = typeof memo.processVersion === 'number' ? memo.processVersion : NaN;
        if (version !== undefined && pinned !== version) continue;
        out.push({
          workflowId: execution.workflowId,
          processKey,
          processVersion: pinned,
          recordId:
            typeof memo.recordId === 'string' ? memo.recordId : execution.workflowId.slice(prefix.length),
          status: execution.status.name,
          startedAt: execution.startTime.toISOString(),
          ...(execution.closeTime === undefined ? {} : { closedAt: execution.closeTime.toISOString() }),
        });
      }
      return out;
    },
  };
}
