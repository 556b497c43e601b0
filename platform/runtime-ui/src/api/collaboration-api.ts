// Typed calls for working together around records: saved list views, comments, notifications.
import type { CommentView, NotificationView, RecordTimeline, SavedView, ViewQuery } from '@crm/definitions';
import { request } from './client';

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
    request<RecordTimeline>('GET', `/api/records/${enc(entity)}/${enc(id)}/timeline`),

  notifications: (options: { unread?: boolean; limit?: number } = {}) =>
    request<{ items: NotificationView[] }>(
      'GET',
      `/api/notifications?unread=${options.unread === true ? 'true' : 'false'}&limit=${options.limit ?? 30}`,
    ),
  markRead: (id: string) => request<NotificationView>('POST', `/api/notifications/${enc(id)}/read`),
};
