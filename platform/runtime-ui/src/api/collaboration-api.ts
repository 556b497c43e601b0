// Typed calls for working together around records: saved list views, comments, notifications.
import { request } from './client';
import type {
  ActivityView,
  ApprovalView,
  AuditEntry,
  AutomationEntry,
  MailView,
  TaskView,
} from './runtime-api';

export interface ViewQuery {
  filters: { field: string; op: string; value: string }[];
  sort?: string;
  q?: string;
  columns?: string[];
}

export interface SavedView {
  id: string;
  entity: string;
  name: string;
  shared: boolean;
  query: ViewQuery;
  owner: { id: string; name: string };
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

/** Every source of a record's timeline, in one answer. */
export interface TimelineSources {
  stages: AuditEntry[];
  activities: ActivityView[];
  comments: CommentView[];
  mails: MailView[];
  approvals: ApprovalView[];
  tasks: TaskView[];
  automation: AutomationEntry[];
}

const enc = encodeURIComponent;

export const collaborationApi = {
  views: (entity: string) => request<{ items: SavedView[] }>('GET', `/api/views?entity=${enc(entity)}`),
  createView: (body: { entity: string; name: string; shared: boolean; query: ViewQuery }) =>
    request<SavedView>('POST', '/api/views', body),
  updateView: (id: string, body: { name?: string; shared?: boolean; query?: ViewQuery }) =>
    request<SavedView>('PATCH', `/api/views/${enc(id)}`, body),
  deleteView: (id: string) => request<void>('DELETE', `/api/views/${enc(id)}`),

  comments: (entity: string, id: string) =>
    request<{ items: CommentView[] }>('GET', `/api/records/${enc(entity)}/${enc(id)}/comments`),
  addComment: (entity: string, id: string, body: string) =>
    request<CommentView>('POST', `/api/records/${enc(entity)}/${enc(id)}/comments`, { body }),

  timeline: (entity: string, id: string) =>
    request<TimelineSources>('GET', `/api/records/${enc(entity)}/${enc(id)}/timeline`),

  notifications: (options: { unread?: boolean; limit?: number } = {}) =>
    request<{ items: NotificationView[] }>(
      'GET',
      `/api/notifications?unread=${options.unread === true ? 'true' : 'false'}&limit=${options.limit ?? 30}`,
    ),
  markRead: (id: string) => request<NotificationView>('POST', `/api/notifications/${enc(id)}/read`),
};
