import type { EntityDefinition, ProcessDefinition } from '@crm/definitions';
import type { ApprovalPort, InstanceRef } from '@crm/workflows/contract';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import { approvalReason } from '../approvals/approval-reason';
import { versionsRepository } from '../definitions/versions.repository';
import type { ApprovalMail } from '../approvals/approval-mail';
import type { NotificationsService } from '../notifications/notifications.service';
import type { AuditService } from '../records/audit.service';
import { recordPeople, resolveAssignee, roleMembers } from '../tasks/assignee-resolution';

interface NodeRules {
  requireCommentOnReject: boolean;
  allowDelegation: boolean;
  reason: string | null;
}

/** The approval node's own rules and the reason it is asked, from the version the instance is pinned to. */
async function nodeRules(
  db: Db,
  instance: InstanceRef,
  nodeId: string,
  levelIndex: number,
): Promise<NodeRules> {
  const version = await versionsRepository.get(db, 'process', instance.processKey, instance.processVersion);
  const definition = version?.content as unknown as ProcessDefinition | undefined;
  const node = definition?.nodes.find((candidate) => candidate.id === nodeId);
  if (definition === undefined || node?.type !== 'approval')
    return { requireCommentOnReject: false, allowDelegation: false, reason: null };
  const entities = (await versionsRepository.latestAll(db, 'entity')).map(
    (entity) => entity.content as unknown as EntityDefinition,
  );
  const entity = entities.find((candidate) => candidate.key === instance.entity);
  return {
    requireCommentOnReject: node.requireCommentOnReject === true,
    allowDelegation: node.allowDelegation === true,
    reason: approvalReason(definition, nodeId, levelIndex, entity, entities),
  };
}

export interface ApprovalPortDeps {
  db: Db;
  audit: AuditService;
  /** In-app notices to the users a request asks. */
  notifications: Pick<NotificationsService, 'create'>;
  /** The mail to the users a request asks, with their decision links; sent once it committed. */
  mail: Pick<ApprovalMail, 'requested'>;
}

/**
 * Approval requests land in the approvers' inbox, with a notice and a mail to each user asked. The
 * interpreter asks again for the same approval when it is delegated or escalated: each such request
 * (its own key) widens who may decide, and tells the users it adds.
 */
export function createApprovalPort(deps: ApprovalPortDeps): ApprovalPort {
  const { db, audit } = deps;
  return {
    async request(input) {
      const { instance } = input;
      const record = await recordPeople(db, instance.recordId);
      const resolved = await resolveAssignee(db, input.approver, record);
      const role = resolved.kind === 'role' ? resolved.role : null;
      // Role members are recorded for the audit of who was asked; the role itself stays eligible,
      // so someone joining the role later can still decide.
      const userIds =
        resolved.kind === 'user' ? [resolved.userId] : role !== null ? await roleMembers(db, role) : [];
      const rules = await nodeRules(db, instance, input.nodeId, input.levelIndex);
      const deadline = input.deadline === undefined ? null : new Date(input.deadline);
      await db.transaction(async (tx) => {
        const done = await tx.one(
          sql<{ one: number }>`SELECT 1 AS one FROM approval_requests WHERE idempotency_key = ${input.key}`,
        );
        if (done) return;
        const row = await tx.one(sql<{ id: string; inserted: boolean }>`
          INSERT INTO approvals AS a (approval_id, idempotency_key, workflow_id, process_key, process_version,
            record_id, entity, node_id, node_label, level_index, level_id, level_label, approver,
            eligible_user_ids, approver_roles, require_comment_on_reject, allow_delegation, reason, deadline)
          VALUES (${input.approvalId}, ${input.key}, ${instance.workflowId}, ${instance.processKey},
            ${instance.processVersion}, ${record.id}, ${record.entity}, ${input.nodeId}, ${input.nodeLabel},
            ${input.levelIndex}, ${input.levelId}, ${input.levelLabel}, ${JSON.stringify(input.approver)}::jsonb,
            ${userIds}::uuid[], ${role === null ? [] : [role]}::text[], ${rules.requireCommentOnReject},
            ${rules.allowDelegation}, ${input.reason ?? rules.reason}, ${deadline})
          ON CONFLICT (workflow_id, approval_id) DO UPDATE SET
            eligible_user_ids = ARRAY(SELECT DISTINCT unnest(a.eligible_user_ids || EXCLUDED.eligible_user_ids)),
            approver_roles = ARRAY(SELECT DISTINCT unnest(a.approver_roles || EXCLUDED.approver_roles)),
            deadline = COALESCE(EXCLUDED.deadline, a.deadline)
          RETURNING id, (xmax = 0) AS inserted`);
        if (!row) throw new Error('upsert returned no row');
        await tx.query(sql`INSERT INTO approval_requests (idempotency_key, approval_row, approver, user_ids, role)
          VALUES (${input.key}, ${row.id}, ${JSON.stringify(input.approver)}::jsonb, ${userIds}::uuid[], ${role})`);
        await audit.write(tx, {
          actorId: null,
          action: row.inserted ? 'approval.request' : 'approval.reassign',
          subjectType: 'record',
          subjectId: record.id,
          entity: record.entity,
          after: {
            approvalId: row.id,
            node: input.nodeLabel,
            level: input.levelLabel,
            approver: input.approver,
            eligibleUserIds: userIds,
            ...(resolved.kind === 'nobody' ? { unresolved: resolved.reason } : {}),
            reason: input.reason ?? rules.reason,
            actor: 'process',
          },
        });
        await deps.notifications.create({
          key: `${input.key}:asked`,
          userIds,
          message: `Approval needed: ${input.nodeLabel} – ${input.levelLabel}.`,
          recordId: record.id,
          entity: record.entity,
          workflowId: instance.workflowId,
          nodeId: input.nodeId,
        });
      });
      // After the step's transaction (the request is committed), also when this is a retry of a
      // request whose mail did not go out yet; the mail outbox keeps it to one mail per approver.
      await db.afterCommit(() => deps.mail.requested(input.key));
    },

    async close(input) {
      const { instance } = input;
      await db.transaction(async (tx) => {
        // A decision taken through the API is already mirrored; the process's close then only
        // records its key. Whatever came first wins, so a late "cancelled" never undoes a decision.
        const row = await tx.one(sql<{ id: string; record_id: string }>`
          UPDATE approvals AS a SET
            status = CASE WHEN a.status = 'pending' THEN ${input.result} ELSE a.status END,
            decided_by = COALESCE(a.decided_by, ${input.decidedBy ?? null}::uuid),
            decided_at = COALESCE(a.decided_at, now()),
            comment = COALESCE(a.comment, ${input.comment ?? null}),
            close_key = ${input.key}
          WHERE a.workflow_id = ${instance.workflowId} AND a.approval_id = ${input.approvalId}
            AND a.close_key IS NULL
          RETURNING a.id, a.record_id`);
        if (!row) return;
        await audit.write(tx, {
          actorId: null,
          action: 'approval.close',
          subjectType: 'record',
          subjectId: row.record_id,
          entity: instance.entity,
          after: { approvalId: row.id, result: input.result, actor: 'process' },
        });
      });
    },
  };
}
