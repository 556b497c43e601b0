import { COLLABORATION_ROUTES } from './matrix-collaboration-routes';
import { ANALYTICS_ROUTES } from './matrix-analytics-routes';
import { INBOX_ROUTES } from './matrix-inbox-routes';
import { PROCESS_ROUTES } from './matrix-process-routes';
import { isAuthenticated } from './matrix-principals';
import {
  capability,
  ENTITY,
  everyone,
  rec,
  recordAccess,
  signedIn,
  simple,
  type RouteSpec,
} from './matrix-rules';

export type { CaseContext, Expected, Method, PreparedRequest, RouteSpec } from './matrix-rules';

/**
 * The authorisation matrix, one entry per route the API registers: who may call it and how the
 * request is built. A route without an entry fails the inventory test.
 */
export const ROUTES: Record<string, RouteSpec> = {
  'GET /api/health': { ownership: false, expected: everyone, prepare: simple('get', '/api/health') },
  'GET /api/openapi.json': {
    ownership: false,
    expected: everyone,
    prepare: simple('get', '/api/openapi.json'),
  },
  'USE /api/docs': { ownership: false, expected: everyone, prepare: simple('get', '/api/docs/') },
  'POST /api/auth/login': {
    ownership: false,
    expected: everyone,
    prepare: async (ctx) => ({
      method: 'post',
      path: '/api/auth/login',
      body: ctx.loginBody(),
      freshClient: true,
    }),
  },
  'POST /api/auth/logout': {
    ownership: false,
    expected: signedIn,
    prepare: async () => ({ method: 'post', path: '/api/auth/logout', freshClient: true }),
  },
  'GET /api/auth/me': { ownership: false, expected: signedIn, prepare: simple('get', '/api/auth/me') },
  'GET /api/auth/tokens': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', '/api/auth/tokens'),
  },
  'POST /api/auth/tokens': {
    ownership: false,
    expected: signedIn,
    prepare: simple('post', '/api/auth/tokens', { name: 'matrix token' }),
  },
  // Personal tokens: nobody, not even an admin, revokes someone else's token through this route.
  'DELETE /api/auth/tokens/:id': {
    ownership: true,
    expected: (p, o) => (!isAuthenticated(p) ? '401' : o === 'own' ? '2xx' : '404'),
    prepare: async (ctx, o) => ({ method: 'delete', path: `/api/auth/tokens/${await ctx.token(o)}` }),
  },
  'GET /api/definitions/published': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', '/api/definitions/published'),
  },
  'GET /api/definitions/drafts': {
    ownership: false,
    expected: capability('definitions.read'),
    prepare: simple('get', '/api/definitions/drafts'),
  },
  'GET /api/definitions/drafts/:kind/:key': {
    ownership: false,
    expected: capability('definitions.read'),
    prepare: async (ctx) => ({ method: 'get', path: `/api/definitions/drafts/entity/${await ctx.draft()}` }),
  },
  'PUT /api/definitions/drafts/:kind/:key': {
    ownership: false,
    expected: capability('definitions.edit'),
    prepare: async (ctx) => {
      const key = ctx.uniqueKey('sec_put');
      return {
        method: 'put',
        path: `/api/definitions/drafts/entity/${key}`,
        body: ctx.entityDraftContent(key),
      };
    },
  },
  'DELETE /api/definitions/drafts/:kind/:key': {
    ownership: false,
    expected: capability('definitions.edit'),
    prepare: async (ctx) => ({
      method: 'delete',
      path: `/api/definitions/drafts/entity/${await ctx.draft()}`,
    }),
  },
  'POST /api/definitions/validate': {
    ownership: false,
    expected: capability('definitions.read'),
    prepare: simple('post', '/api/definitions/validate'),
  },
  'POST /api/definitions/publish': {
    ownership: false,
    expected: capability('definitions.publish'),
    prepare: async (ctx) => ({
      method: 'post',
      path: '/api/definitions/publish',
      body: { items: [{ kind: 'entity', key: await ctx.draft() }] },
    }),
  },
  'GET /api/definitions/:kind/:key': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', `/api/definitions/entity/${ENTITY}`),
  },
  'GET /api/definitions/:kind/:key/versions': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', `/api/definitions/entity/${ENTITY}/versions`),
  },
  'GET /api/definitions/:kind/:key/versions/:version': {
    ownership: false,
    expected: signedIn,
    prepare: simple('get', `/api/definitions/entity/${ENTITY}/versions/1`),
  },
  // Against the draft: drafts are work in progress of the people with definitions.read.
  'GET /api/definitions/:kind/:key/diff': {
    ownership: false,
    expected: capability('definitions.read'),
    prepare: simple('get', `/api/definitions/entity/${ENTITY}/diff?from=latest&to=draft`),
  },
  'GET /api/solution/export': {
    ownership: false,
    expected: capability('definitions.read'),
    prepare: simple('get', '/api/solution/export'),
  },
  'POST /api/solution/import': {
    ownership: false,
    expected: capability('definitions.publish'),
    prepare: async (ctx) => ({ method: 'post', path: '/api/solution/import', body: ctx.solution }),
  },
  'GET /api/records/:entity': {
    ownership: false,
    expected: capability('records.read'),
    prepare: simple('get', `/api/records/${ENTITY}`),
  },
  'POST /api/records/:entity': {
    ownership: false,
    expected: capability('records.write'),
    prepare: async (ctx) => ({
      method: 'post',
      path: `/api/records/${ENTITY}`,
      body: {
        data: {
          name: ctx.uniqueKey('Matrix'),
          type: 'client',
          lifecycle: 'prospect',
          customer_status: 'prospect',
        },
      },
    }),
  },
  'GET /api/records/:entity/:id': {
    ownership: true,
    expected: recordAccess('records.read'),
    prepare: async (ctx, o) => ({ method: 'get', path: rec(await ctx.record(o)) }),
  },
  'PATCH /api/records/:entity/:id': {
    ownership: true,
    expected: recordAccess('records.write'),
    prepare: async (ctx, o) => ({
      method: 'patch',
      path: rec(await ctx.record(o)),
      body: { data: { city: 'Changed by the matrix' } },
    }),
  },
  'DELETE /api/records/:entity/:id': {
    ownership: true,
    expected: recordAccess('records.delete'),
    prepare: async (ctx, o) => ({ method: 'delete', path: rec(await ctx.record(o)) }),
  },
  'PUT /api/records/:entity/:id/owner': {
    ownership: true,
    expected: recordAccess('records.assign'),
    prepare: async (ctx, o) => ({
      method: 'put',
      path: rec(await ctx.record(o), '/owner'),
      body: { ownerId: ctx.newOwnerId },
    }),
  },
  'GET /api/records/:entity/:id/shares': {
    ownership: true,
    expected: recordAccess(),
    prepare: async (ctx, o) => ({ method: 'get', path: rec(await ctx.record(o), '/shares') }),
  },
  'POST /api/records/:entity/:id/shares': {
    ownership: true,
    expected: recordAccess(undefined, true),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: rec(await ctx.record(o), '/shares'),
      body: { userId: ctx.shareeId },
    }),
  },
  'DELETE /api/records/:entity/:id/shares/:userId': {
    ownership: true,
    expected: recordAccess(undefined, true),
    prepare: async (ctx, o) => ({
      method: 'delete',
      path: rec(await ctx.sharedRecord(o), `/shares/${ctx.shareeId}`),
    }),
  },
  'GET /api/records/:entity/:id/audit': {
    ownership: true,
    expected: recordAccess(),
    prepare: async (ctx, o) => ({ method: 'get', path: rec(await ctx.record(o), '/audit') }),
  },
  'GET /api/records/:entity/:id/activities': {
    ownership: true,
    expected: recordAccess(),
    prepare: async (ctx, o) => ({ method: 'get', path: rec(await ctx.record(o), '/activities') }),
  },
  'POST /api/records/:entity/:id/activities': {
    ownership: true,
    expected: recordAccess('records.write'),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: rec(await ctx.record(o), '/activities'),
      body: { type: 'call', topic: 'first_contact', result: 'no_answer', notes: 'matrix' },
    }),
  },
  ...INBOX_ROUTES,
  ...PROCESS_ROUTES,
  ...ANALYTICS_ROUTES,
  ...COLLABORATION_ROUTES,
};
