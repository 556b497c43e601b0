import type { ApprovalView } from '@crm/definitions';
import { sql } from 'kysely';
import { can, type Actor } from '../auth/actor';
import type { Db } from '../db/db';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ProblemError,
  ValidationError,
} from '../http/problems';
import { isUuid } from '../http/validate';
import type { ProcessGateway } from '../processes/process-gateway';
import { assertCapability } from '../rbac/require-capability';
import { visibleTo } from '../rbac/visibility';
import type { AuditService } from '../records/audit.service';
import type { PublishedEntity, RecordsService } from '../records/records.service';
import { entitiesOf } from '../tasks/task-view';
import {
  APPROVAL_FROM,
  approvalColumns,
  eligibleFor,
  toApprovalView,
  type ApprovalRow,
} from './approval-view';
import { forwardToProcess, requireGateway } from './process-forwarding';

export type ApprovalFilter = 'pending' | 'decided';

export interface DecisionInput {
  decision: 'approved' | 'rejected';
  comment?: string;
}

export interface ApprovalsDeps {
  db: Db;
  audit: AuditService;
  records: RecordsService;
  resolveEntity(key: string): Promise<PublishedEntity>;
  gateway: ProcessGateway | undefined;
  /** The rights of another user (a delegate), resolved like a signed-in user's. */
  actorFor(userId: string): Promise<Actor | undefined>;
}

export function createApprovalsService(deps: ApprovalsDeps) {
  const { db, audit, records } = deps;

  async function views(actor: Actor, rows: ApprovalRow[]): Promise<ApprovalView[]> {
    const entities = await entitiesOf(
      rows.map((row) => row.entity),
      deps.resolveEntity,
    );
    const decides = can(actor, 'approvals.decide');
    return rows.map((row) => toApprovalView(row, entities.get(row.entity), decides));
  }

  async function viewOf(actor: Actor, id: string): Promise<ApprovalView> {
    const row = await findRow(actor, id);
    const [view] = row ? await views(actor, [row]) : [];
    if (!view) throw new NotFoundError(`No approval ${id}.`);
    return view;
  }

  /** The pending inbox: undecided requests of live records that the actor may decide. */
  const pendingFor = (actor: Actor) =>
    sql`a.status = 'pending' AND r.deleted_at IS NULL AND ${eligibleFor(actor)}`;

  async function findRow(actor: Actor, id: string): Promise<ApprovalRow | undefined> {
    if (!isUuid(id)) return undefined;
    return db.one(
      sql<ApprovalRow>`SELECT ${approvalColumns(actor)} FROM ${APPROVAL_FROM} WHERE a.id = ${id}`,
    );
  }

  /**
   * The approval the actor may act on. Someone neither eligible nor able to see the record learns
   * nothing (404); someone who sees the record but is not an approver is refused (403).
   */
  async function actionable(actor: Actor, id: string): Promise<ApprovalRow> {
    assertCapability(actor, 'approvals.decide');
    const row = await findRow(actor, id);
    if (!row || row.record_deleted) throw new NotFoundError(`No approval ${id}.`);
    if (!row.eligible) {
      const visible = await db.one(
        sql<{ id: string }>`SELECT r.id FROM records r WHERE r.id = ${row.record_id} AND ${visibleTo(actor)}`,
      );
      if (!visible) throw new NotFoundError(`No approval ${id}.`);
      throw new ForbiddenError('You are not an approver of this request.');
    }
    if (row.status !== 'pending') throw new ConflictError(`The approval was already ${row.status}.`);
    return row;
  }

  return {
    /** The inbox: pending requests the actor may decide, or the decided ones they were asked about. */
    async list(actor: Actor, filter: ApprovalFilter): Promise<ApprovalView[]> {
      const rows =
        filter === 'pending'
          ? await db.query(sql<ApprovalRow>`SELECT ${approvalColumns(actor)} FROM ${APPROVAL_FROM}
              WHERE ${pendingFor(actor)} ORDER BY a.deadline ASC NULLS LAST, a.requested_at, a.id LIMIT 500`)
          : await db.query(sql<ApprovalRow>`SELECT ${approvalColumns(actor)} FROM ${APPROVAL_FROM}
              WHERE a.status IN ('approved', 'rejected') AND r.deleted_at IS NULL
                AND (${eligibleFor(actor)} OR a.decided_by = ${actor.id}::uuid)
              ORDER BY a.decided_at DESC NULLS LAST, a.id LIMIT 500`);
      return views(actor, rows);
    },

    /** How many requests the pending inbox holds (uncapped); 0 for whoever may not decide. */
    async countPending(actor: Actor): Promise<number> {
      if (!can(actor, 'approvals.decide')) return 0;
      const row = await db.one(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM ${APPROVAL_FROM} WHERE ${pendingFor(actor)}`,
      );
      return row?.n ?? 0;
    },

    /** Every approval of a record the actor can see (404 otherwise), newest first. */
    async forRecord(actor: Actor, entityKey: string, recordId: string): Promise<ApprovalView[]> {
      await records.findVisible(actor, entityKey, recordId);
      const rows = await db.query(sql<ApprovalRow>`SELECT ${approvalColumns(actor)} FROM ${APPROVAL_FROM}
        WHERE a.record_id = ${recordId} ORDER BY a.requested_at DESC, a.id`);
      return views(actor, rows);
    },

    /** One approval as the actor sees it (an approver through a decision link). */
    async get(actor: Actor, id: string): Promise<ApprovalView> {
      return viewOf(actor, id);
    },

    /** `via: 'link'`: decided through the approver's mailed link, which the audit says. */
    async decide(
      actor: Actor,
      id: string,
      input: DecisionInput,
      via: 'app' | 'link' = 'app',
    ): Promise<ApprovalView> {
      const row = await actionable(actor, id);
      const comment = input.comment?.trim() ?? '';
      if (input.decision === 'rejected' && row.require_comment_on_reject && comment === '')
        throw new ValidationError('A rejection needs a comment.', [
          { field: 'comment', rule: 'commentRequired', message: 'Say why you reject the request.' },
        ]);
      const gateway = requireGateway(deps.gateway);
      await forwardToProcess(() =>
        gateway.decideApproval(
          actor,
          { processKey: row.process_key, recordId: row.record_id },
          {
            nodeId: row.node_id,
            levelIndex: row.level_index,
            decision: input.decision,
            ...(comment === '' ? {} : { comment }),
          },
        ),
      );
      // The process accepted the decision: the inbox reflects it at once, and the process's own
      // close of the approval (an activity, moments later) finds it decided already.
      await db.transaction(async (tx) => {
        const updated = await tx.one(sql<{ id: string }>`UPDATE approvals SET status = ${input.decision},
            decided_by = ${actor.id}, decided_at = now(), comment = ${comment === '' ? null : comment}
          WHERE id = ${row.id} AND status = 'pending' RETURNING id`);
        if (!updated) return;
        await audit.write(tx, {
          actorId: actor.id,
          action: 'approval.decide',
          subjectType: 'record',
          subjectId: row.record_id,
          entity: row.entity,
          after: {
            approvalId: row.id,
            node: row.node_label,
            level: row.level_label,
            decision: input.decision,
            comment: comment === '' ? null : comment,
            ...(via === 'link' ? { via: 'mail link' } : {}),
          },
        });
      });
      return viewOf(actor, id);
    },

    async delegate(actor: Actor, id: string, toUserId: string): Promise<ApprovalView> {
      const row = await actionable(actor, id);
      if (!row.allow_delegation)
        throw new ValidationError('This approval cannot be delegated.', [
          {
            field: 'toUserId',
            rule: 'delegationNotAllowed',
            message: 'The process does not allow delegation here.',
          },
        ]);
      const target =
        isUuid(toUserId) &&
        toUserId !== actor.id &&
        (await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${toUserId} AND active`));
      if (!target)
        throw new ValidationError('The delegate is not valid.', [
          { field: 'toUserId', rule: 'invalidDelegate', message: 'Choose another active user.' },
        ]);
      // A delegate decides in the approver's place: they must be allowed to decide approvals and to
      // see the record, or delegating would show them a record their role keeps from them.
      const delegate = await deps.actorFor(toUserId);
      const delegateSeesRecord =
        delegate !== undefined &&
        (await records.get(delegate, row.entity, row.record_id).then(
          () => true,
          (error: unknown) => {
            if (error instanceof ProblemError) return false;
            throw error;
          },
        ));
      if (!delegate || !can(delegate, 'approvals.decide') || !delegateSeesRecord)
        throw new ValidationError('The delegate is not valid.', [
          {
            field: 'toUserId',
            rule: 'invalidDelegate',
            message: 'Choose a user who may decide approvals and can see this record.',
          },
        ]);
      const gateway = requireGateway(deps.gateway);
      await forwardToProcess(() =>
        gateway.delegateApproval(
          actor,
          { processKey: row.process_key, recordId: row.record_id },
          { nodeId: row.node_id, levelIndex: row.level_index, toUserId },
        ),
      );
      await db.transaction(async (tx) => {
        await tx.query(sql`UPDATE approvals SET delegate_id = ${toUserId} WHERE id = ${row.id}`);
        await audit.write(tx, {
          actorId: actor.id,
          action: 'approval.delegate',
          subjectType: 'record',
          subjectId: row.record_id,
          entity: row.entity,
          after: { approvalId: row.id, node: row.node_label, level: row.level_label, toUserId },
        });
      });
      return viewOf(actor, id);
    },
  };
}

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
