// The mail that asks an approver for a decision, with a personal link to decide without signing in
// (approval-links.ts). Sent once the request is committed, to every active user the request newly
// asks: someone a request of the same approval already mailed (a role member asked again on
// escalation) is not mailed twice. Idempotent per request and approver through the mail outbox, so a
// retried or replayed request never sends twice.
import { sql } from 'kysely';
import type { Logger } from '../config';
import type { Db } from '../db/db';
import { outboxRepository } from '../mail/outbox.repository';
import { MailInFlightError, type OutboxService } from '../mail/outbox.service';
import type { PublishedEntity } from '../records/records.service';
import { recordTitle } from '../tasks/task-view';
import { LINK_DAYS, linkPath, type ApprovalLinks } from './approval-links';

export interface ApprovalMailDeps {
  db: Db;
  outbox: Pick<OutboxService, 'sendText'>;
  links: ApprovalLinks;
  resolveEntity(key: string): Promise<PublishedEntity>;
  /** Where users open the platform (`PUBLIC_URL`); without it the mail has no links. */
  publicUrl?: string;
  logger?: Logger;
}

interface RequestRow {
  id: string;
  status: string;
  node_id: string;
  node_label: string;
  level_label: string;
  reason: string | null;
  deadline: Date | string | null;
  record_id: string;
  entity: string;
  workflow_id: string;
  record_data: Record<string, unknown> | null;
}

interface ApproverRow {
  id: string;
  name: string;
  email: string;
}

export function createApprovalMail(deps: ApprovalMailDeps) {
  const { db, outbox, links } = deps;
  const base = deps.publicUrl?.replace(/\/+$/, '');

  async function describe(row: RequestRow) {
    const entity = await deps.resolveEntity(row.entity).catch(() => undefined);
    const title = recordTitle(entity, row.record_data, row.record_id);
    const what = `${row.node_label} – ${row.level_label}`;
    return { title, what, label: entity?.entity.label ?? row.entity };
  }

  function body(
    user: ApproverRow,
    row: RequestRow,
    about: Awaited<ReturnType<typeof describe>>,
    token: string | undefined,
  ) {
    const lines = [
      `Hello ${user.name},`,
      '',
      `${about.label} “${about.title}” waits for your decision: ${about.what}.`,
      ...(row.reason ? [`Why: ${row.reason}`] : []),
      ...(row.deadline ? [`Please decide by ${new Date(row.deadline).toUTCString()}.`] : []),
      '',
    ];
    if (base !== undefined && token !== undefined)
      lines.push(
        `Approve or reject here (the link is yours alone and works for ${LINK_DAYS} days, without signing in):`,
        `${base}${linkPath(token)}`,
        '',
        `Or open your approvals: ${base}/app/#/approvals`,
      );
    else lines.push('Open your approvals in the CRM to decide.');
    return lines.join('\n');
  }

  return {
    /** Mails the approvers that the request `requestKey` newly asks (after it committed). */
    async requested(requestKey: string): Promise<void> {
      const row = await db.one(sql<RequestRow>`
        SELECT a.id::text, a.status, a.node_id, a.node_label, a.level_label, a.reason, a.deadline,
          a.record_id::text, a.entity, a.workflow_id, r.data AS record_data
        FROM approval_requests q JOIN approvals a ON a.id = q.approval_row JOIN records r ON r.id = a.record_id
        WHERE q.idempotency_key = ${requestKey}`);
      if (!row || row.status !== 'pending') return;
      const approvers = await db.query(sql<ApproverRow>`
        SELECT u.id::text, u.name, u.email FROM approval_requests q JOIN users u ON u.id = ANY(q.user_ids)
        WHERE q.idempotency_key = ${requestKey} AND u.active AND NOT EXISTS (
          SELECT 1 FROM approval_requests earlier JOIN mail_outbox m
            ON m.idempotency_key = earlier.idempotency_key || ':mail:' || u.id::text
          WHERE earlier.approval_row = ${row.id}::uuid AND earlier.idempotency_key <> ${requestKey})
        ORDER BY u.id`);
      if (approvers.length === 0) return;
      const about = await describe(row);
      for (const user of approvers) {
        const key = `${requestKey}:mail:${user.id}`;
        // A mail already written is sent as written (the outbox answers "duplicate" once it went);
        // only a mail not written yet gets a (new) link.
        const written = await outboxRepository.byKey(db, key);
        // Without a public address the mail carries no link, so none is issued.
        const token =
          written || base === undefined
            ? undefined
            : await links.issue(requestKey, { approvalId: row.id, userId: user.id });
        try {
          await outbox.sendText({
            key,
            recordId: row.record_id,
            subject: `Approval needed: ${about.what} – ${about.title}`,
            text: body(user, row, about, token),
            to: [{ address: user.email, name: user.name, userId: user.id }],
            origin: { type: 'process', workflowId: row.workflow_id, nodeId: row.node_id },
          });
        } catch (error) {
          // Another attempt holds the mail (or died holding it): the step is retried until the mail
          // is sent or the claim goes stale, as for any mail step.
          if (error instanceof MailInFlightError) throw error;
          // The outbox row says it failed, on the record's mails; the request waits in the approver's
          // inbox all the same, so a mail server that is down does not hold up the process.
          deps.logger?.warn('approval mail could not be sent', {
            key,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    },
  };
}

export type ApprovalMail = ReturnType<typeof createApprovalMail>;
