import { isAuthenticated, type Ownership, type Principal } from './matrix-principals';
import { capability, rec, recordAccess, type Expected, type RouteSpec } from './matrix-rules';

/**
 * Saved views: readable when own or shared (the team member's fixture view is shared, the foreign
 * one private); only the owner changes or deletes one (403 on a shared view of somebody else).
 */
function viewAccess(ownerOnly: boolean) {
  return (p: Principal, o: Ownership | undefined): Expected => {
    if (!isAuthenticated(p)) return '401';
    if (!p.capabilities.has('records.read')) return '403';
    if (o === 'own') return '2xx';
    if (o === 'team') return ownerOnly ? '403' : '2xx';
    return '404';
  };
}

/** Saved list views, record comments and the record timeline. */
export const COLLABORATION_ROUTES: Record<string, RouteSpec> = {
  'GET /api/views': {
    ownership: false,
    expected: capability('records.read'),
    prepare: async () => ({ method: 'get', path: '/api/views?entity=account' }),
  },
  'POST /api/views': {
    ownership: false,
    expected: capability('records.read'),
    prepare: async (ctx) => ({
      method: 'post',
      path: '/api/views',
      body: {
        entity: 'account',
        name: ctx.uniqueKey('Matrix saved view'),
        shared: false,
        query: { filters: [{ field: 'type', op: 'eq', value: 'client' }], sort: '-updatedAt' },
      },
    }),
  },
  'GET /api/views/:id': {
    ownership: true,
    expected: viewAccess(false),
    prepare: async (ctx, o) => ({ method: 'get', path: `/api/views/${await ctx.savedView(o)}` }),
  },
  'PATCH /api/views/:id': {
    ownership: true,
    expected: viewAccess(true),
    prepare: async (ctx, o) => ({
      method: 'patch',
      path: `/api/views/${await ctx.savedView(o)}`,
      body: { name: ctx.uniqueKey('Renamed view'), shared: true },
    }),
  },
  'DELETE /api/views/:id': {
    ownership: true,
    expected: viewAccess(true),
    prepare: async (ctx, o) => ({ method: 'delete', path: `/api/views/${await ctx.savedView(o)}` }),
  },
  'GET /api/records/:entity/:id/comments': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({ method: 'get', path: rec(await ctx.record(o), '/comments') }),
  },
  'GET /api/records/:entity/:id/timeline': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({ method: 'get', path: rec(await ctx.record(o), '/timeline') }),
  },
  'POST /api/records/:entity/:id/comments': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: rec(await ctx.record(o), '/comments'),
      body: { body: 'Spoke to the buyer; they want a call on Monday.' },
    }),
  },
};
