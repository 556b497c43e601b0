import { capability, signedIn, simple, type RouteSpec } from './matrix-rules';

const PROCESS = 'deal_pipeline';

/**
 * The user directory (every signed-in user) and the pipeline analytics: the snapshot is what the
 * kanban shows (records.read), the history needs analytics.read; both count only visible records.
 */
export const ANALYTICS_ROUTES: Record<string, RouteSpec> = {
  'GET /api/users': { ownership: false, expected: signedIn, prepare: simple('get', '/api/users') },
  'GET /api/analytics/processes/:processKey/snapshot': {
    ownership: false,
    expected: capability('records.read'),
    prepare: simple('get', `/api/analytics/processes/${PROCESS}/snapshot`),
  },
  'GET /api/analytics/processes/:processKey/funnel': {
    ownership: false,
    expected: capability('analytics.read'),
    prepare: simple('get', `/api/analytics/processes/${PROCESS}/funnel?from=2026-01-01&to=2026-12-31`),
  },
};
