import { isAuthenticated, MANAGER_OF, type Ownership, type Principal } from './matrix-principals';
import { dealPath, rec, recordAccess, signedIn, simple, type Expected, type RouteSpec } from './matrix-rules';

/** Whether the fixture approval of {@link CaseContext.approval} waits for the principal. */
function eligibleApprover(p: Principal, o: Ownership | undefined): boolean {
  if (o === 'own') return true;
  return o === 'team' && p.user !== undefined && MANAGER_OF[p.owners.team] === p.user;
}

/**
 * Deciding and delegating: the capability first (403), then whoever is not an approver learns
 * nothing unless they see the record (403, else 404); an approver gets through to the process.
 */
function approvalAction(p: Principal, o: Ownership | undefined): Expected {
  if (!isAuthenticated(p)) return '401';
  if (!p.capabilities.has('approvals.decide')) return '403';
  if (eligibleApprover(p, o)) return '503';
  return o !== undefined && p.sees.has(o) ? '403' : '404';
}

/** Completing a task: its assignee (or an admin) may; others are refused (403) or learn nothing (404). */
function taskCompletion(p: Principal, o: Ownership | undefined): Expected {
  if (!isAuthenticated(p)) return '401';
  if (o === 'own' || p.user === 'admin') return '2xx';
  return o !== undefined && p.sees.has(o) ? '403' : '404';
}

/** Mail, notification, task and approval routes. */
export const INBOX_ROUTES: Record<string, RouteSpec> = {
  'GET /api/records/:entity/:id/mail-templates': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({ method: 'get', path: dealPath(await ctx.deal(o), '/mail-templates') }),
  },
  'GET /api/records/:entity/:id/mail-templates/:key/preview': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({
      method: 'get',
      path: dealPath(await ctx.deal(o), '/mail-templates/re_engagement/preview'),
    }),
  },
  'POST /api/records/:entity/:id/mail': {
    ownership: true,
    expected: recordAccess('records.write'),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: dealPath(await ctx.deal(o), '/mail'),
      body: { template: 're_engagement' },
    }),
  },
  'GET /api/records/:entity/:id/mails': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({ method: 'get', path: dealPath(await ctx.deal(o), '/mails') }),
  },
  'GET /api/records/:entity/:id/automation': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({ method: 'get', path: dealPath(await ctx.deal(o), '/automation') }),
  },
  // A decision link is its own credential: an unknown one is a 404 for anybody, signed in or not.
  'GET /api/approval-links/:token': {
    ownership: false,
    expected: () => '404',
    prepare: simple('get', `/api/approval-links/${'A'.repeat(43)}`),
  },
  'POST /api/approval-links/:token/decision': {
    ownership: false,
    expected: () => '404',
    prepare: async () => ({
      method: 'post',
      path: `/api/approval-links/${'A'.repeat(43)}/decision`,
      body: { decision: 'approved' },
    }),
  },
  'GET /api/counters': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', '/api/counters'),
  },
  'GET /api/notifications': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', '/api/notifications?unread=true'),
  },
  // Only the addressee marks a notification read; anybody else's is answered like a missing one.
  'POST /api/notifications/:id/read': {
    ownership: true,
    expected: (p, o) => (!isAuthenticated(p) ? '401' : o === 'own' ? '2xx' : '404'),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: `/api/notifications/${await ctx.notification(o)}/read`,
    }),
  },
  'GET /api/tasks': { ownership: false, expected: signedIn, prepare: simple('get', '/api/tasks?mine=false') },
  'POST /api/tasks/:id/complete': {
    ownership: true,
    expected: taskCompletion,
    prepare: async (ctx, o) => ({ method: 'post', path: `/api/tasks/${await ctx.task(o)}/complete` }),
  },
  'GET /api/records/:entity/:id/tasks': {
    ownership: true,
    expected: recordAccess(),
    prepare: async (ctx, o) => ({ method: 'get', path: dealPath(await ctx.deal(o), '/tasks') }),
  },
  'POST /api/records/:entity/:id/tasks': {
    ownership: true,
    expected: recordAccess('records.write'),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: rec(await ctx.record(o), '/tasks'),
      body: { title: 'Call back about the offer', dueAt: '2030-01-01T09:00:00.000Z' },
    }),
  },
  'GET /api/approvals': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', '/api/approvals?status=pending'),
  },
  'POST /api/approvals/:id/decision': {
    ownership: true,
    expected: approvalAction,
    prepare: async (ctx, o) => ({
      method: 'post',
      path: `/api/approvals/${(await ctx.approval(o)).id}/decision`,
      body: { decision: 'approved', comment: 'Fine by me' },
    }),
  },
  'POST /api/approvals/:id/delegate': {
    ownership: true,
    expected: approvalAction,
    prepare: async (ctx, o) => ({
      method: 'post',
      path: `/api/approvals/${(await ctx.approval(o)).id}/delegate`,
      body: { toUserId: ctx.delegateId },
    }),
  },
  'GET /api/records/:entity/:id/approvals': {
    ownership: true,
    expected: recordAccess(),
    prepare: async (ctx, o) => ({
      method: 'get',
      path: dealPath((await ctx.approval(o)).recordId, '/approvals'),
    }),
  },
};
