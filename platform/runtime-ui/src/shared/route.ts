// Hash routes: `#/list/deal`, `#/record/deal/<id>`, `#/board/<process>`, `#/tasks`, `#/approvals`,
// `#/dashboard/<process>`, `#/automation`, and `#/approval-link/<token>` (a mailed decision link,
// shown without a sign-in).
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'list'; entity: string }
  | { page: 'record'; entity: string; id: string }
  | { page: 'board'; process: string }
  | { page: 'tasks' }
  | { page: 'approvals' }
  | { page: 'dashboard'; process: string }
  | { page: 'automation' }
  | { page: 'approvalLink'; token: string };

export function parseRoute(hash: string): Route {
  const [page, a, b] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (page === 'list' && a) return { page: 'list', entity: a };
  if (page === 'record' && a && b) return { page: 'record', entity: a, id: b };
  if (page === 'board' && a) return { page: 'board', process: a };
  if (page === 'dashboard' && a) return { page: 'dashboard', process: a };
  if (page === 'tasks') return { page: 'tasks' };
  if (page === 'approvals') return { page: 'approvals' };
  if (page === 'automation') return { page: 'automation' };
  if (page === 'approval-link' && a) return { page: 'approvalLink', token: a };
  return { page: 'home' };
}

export function recordHref(entity: string, id: string): string {
  return `#/record/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const listener = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
  return route;
}
