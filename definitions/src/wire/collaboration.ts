// The answers of the routes for working together around records: saved list views, comments,
// notifications, the activity log, and the record timeline that gathers every source in one answer.
import type { MailView } from './mail';
import type { ApprovalView, AutomationEntry, TaskView } from './processes';
import type { AuditEntry, FilterOp } from './records';

export interface ViewFilter {
  field: string;
  op: FilterOp;
  value: string;
}

/** What the list screen shows: the same filters, sort and search the records list route takes. */
export interface ViewQuery {
  filters: ViewFilter[];
  sort?: string;
  q?: string;
  columns?: string[];
}

/** A saved list view: the caller's own, or one another user shared with the team. */
export interface SavedView {
  id: string;
  entity: string;
  name: string;
  shared: boolean;
  query: ViewQuery;
  owner: { id: string; name: string };
  /** Whether the caller owns the view (only the owner may change or delete it). */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CommentView {
  id: string;
  recordId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: string;
}

export interface NotificationView {
  id: string;
  message: string;
  recordId: string | null;
  entity: string | null;
  workflowId: string | null;
  nodeId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A logged activity of a record (a call, a meeting…). */
export interface ActivityView {
  id: string;
  recordId: string;
  type: string;
  topic: string | null;
  result: string | null;
  notes: string | null;
  occurredAt: string;
  participants: string[];
  actorId: string | null;
}

/**
 * GET /api/records/:entity/:id/timeline: every source of the record's timeline in one answer, each
 * in the shape of its own route. Of the audit trail only the stage changes (`record.stage`).
 */
export interface RecordTimeline {
  stages: AuditEntry[];
  activities: ActivityView[];
  comments: CommentView[];
  mails: MailView[];
  approvals: ApprovalView[];
  tasks: TaskView[];
  automation: AutomationEntry[];
}
