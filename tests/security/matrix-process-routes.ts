import { isAuthenticated } from './matrix-principals';
import {
  capability,
  dealPath,
  recordAccess,
  simple,
  viaEngine,
  type Expected,
  type RouteSpec,
} from './matrix-rules';

const PROCESS = 'deal_pipeline';
const WORKFLOW = (recordId: string) => `process:${PROCESS}:${recordId}`;

/**
 * The intended rules of a manual start: visibility (404), records.write (403), then a process
 * without a manual trigger is refused (422) unless an administrator starts it; only then the engine.
 */
const manualStart = (p: Parameters<RouteSpec['expected']>[0], o: Parameters<RouteSpec['expected']>[1]) => {
  const access = recordAccess('records.write')(p, o);
  if (access !== '2xx') return access;
  return p.capabilities.has('users.manage') ? '503' : ('422' satisfies Expected);
};

/** Process routes: simulation, manual start, instances, failed-step repair, the record's process panel. */
export const PROCESS_ROUTES: Record<string, RouteSpec> = {
  'POST /api/processes/simulate': {
    ownership: false,
    expected: (p) =>
      !isAuthenticated(p)
        ? '401'
        : p.capabilities.has('definitions.read') || p.capabilities.has('definitions.edit')
          ? '2xx'
          : '403',
    prepare: async (ctx) => ({
      method: 'post',
      path: '/api/processes/simulate',
      body: {
        process: { key: PROCESS },
        record: { name: ctx.uniqueKey('Simulated deal'), discount: 30 },
        startAt: Date.parse('2030-01-07T09:00:00Z'),
      },
    }),
  },
  'POST /api/processes/:key/start': {
    ownership: true,
    expected: manualStart,
    prepare: async (ctx, o) => ({
      method: 'post',
      path: `/api/processes/${PROCESS}/start`,
      body: { recordId: await ctx.deal(o) },
    }),
  },
  'GET /api/processes/:key/instances': {
    ownership: false,
    expected: viaEngine(capability('definitions.read')),
    prepare: async () => ({ method: 'get', path: `/api/processes/${PROCESS}/instances?version=1` }),
  },
  'POST /api/processes/:key/migrate': {
    ownership: false,
    expected: viaEngine(capability('definitions.publish')),
    prepare: async () => ({ method: 'post', path: `/api/processes/${PROCESS}/migrate`, body: { from: 1 } }),
  },
  'POST /api/processes/instances/:workflowId/steps/:step/:decision': {
    ownership: true,
    expected: viaEngine(capability('users.manage')),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: `/api/processes/instances/${WORKFLOW(await ctx.deal(o))}/steps/send_proposal_mail/retry`,
    }),
  },
  'GET /api/automation/problems': {
    ownership: false,
    expected: capability('users.manage'),
    prepare: simple('get', '/api/automation/problems?limit=20'),
  },
  // Without an engine nothing can be tried: an administrator is told so (503) before the id is looked at.
  'POST /api/automation/owed-starts/:id/retry': {
    ownership: false,
    expected: viaEngine(capability('users.manage')),
    prepare: simple('post', '/api/automation/owed-starts/1/retry'),
  },
  'POST /api/records/:entity/:id/process/move': {
    ownership: true,
    expected: viaEngine(recordAccess('records.write')),
    prepare: async (ctx, o) => ({
      method: 'post',
      path: dealPath(await ctx.deal(o), '/process/move'),
      body: { to: 'needs_analysis', checkedItems: [] },
    }),
  },
  'PUT /api/records/:entity/:id/process/checklist/:itemId': {
    ownership: true,
    expected: viaEngine(recordAccess('records.write')),
    prepare: async (ctx, o) => ({
      method: 'put',
      path: dealPath(await ctx.deal(o), '/process/checklist/contact_linked'),
      body: { checked: true },
    }),
  },
  'GET /api/records/:entity/:id/process': {
    ownership: true,
    expected: viaEngine(recordAccess()),
    prepare: async (ctx, o) => ({ method: 'get', path: dealPath(await ctx.deal(o), '/process') }),
  },
};
