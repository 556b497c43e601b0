import { isAuthenticated, type Ownership, type Principal } from './matrix-principals';

/**
 * The status class a case must answer with; `403|404` where both leak nothing (no access at all),
 * `503` where every check passed and only the process engine (absent on the test platform) is missing.
 */
export type Expected = '2xx' | '401' | '403' | '404' | '403|404' | '422' | '503';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface PreparedRequest {
  method: Method;
  path: string;
  body?: unknown;
  /** Use a newly signed-in client (the request ends or replaces its session). */
  freshClient?: boolean;
}

/** What a route's request builder may use; fixtures are made through the services, not over HTTP. */
export interface CaseContext {
  principal: Principal;
  /** A new account record owned by the principal's own/team/foreign user. */
  record(ownership: Ownership): Promise<string>;
  /** A new account record already shared with {@link CaseContext.shareeId}. */
  sharedRecord(ownership: Ownership): Promise<string>;
  shareeId: string;
  newOwnerId: string;
  /** A new API token of the principal's own/team/foreign user. */
  token(ownership: Ownership): Promise<string>;
  /** A new entity draft saved by an admin; returns its key. */
  draft(): Promise<string>;
  uniqueKey(prefix: string): string;
  entityDraftContent(key: string): Record<string, unknown>;
  loginBody(): { email: string; password: string };
  solution: unknown;
  /** A new deal (with its account and an addressed contact) owned by the own/team/foreign user. */
  deal(ownership: Ownership): Promise<string>;
  /** An open process task on a deal of the own/team/foreign user, assigned to that user. */
  task(ownership: Ownership, blocking?: boolean): Promise<string>;
  /**
   * A pending discount approval: `own` waits in the principal's role queue on the principal's
   * deal; `team` and `foreign` wait for the deal owner's manager (the B2B manager level).
   */
  approval(ownership: Ownership): Promise<{ id: string; recordId: string }>;
  /** An unread notification the process sent to the own/team/foreign user. */
  notification(ownership: Ownership): Promise<string>;
  /** An active user an approval can be delegated to. */
  delegateId: string;
  /** A saved account view of the own/team/foreign user; the team member's is shared, the others private. */
  savedView(ownership: Ownership): Promise<string>;
}

export interface RouteSpec {
  /** Whether the route is about one record (cases per own / team / foreign record). */
  ownership: boolean;
  expected(p: Principal, o: Ownership | undefined): Expected;
  prepare(ctx: CaseContext, o: Ownership): Promise<PreparedRequest>;
  /**
   * Cases where the code answers differently from `expected` and the code is wrong: they run as
   * `test.failing`, so the suite stays green and turns red once the bug is fixed.
   */
  knownBug?: { description: string; affects(p: Principal, o: Ownership | undefined): boolean };
}

export const everyone = (): Expected => '2xx';
export const signedIn = (p: Principal): Expected => (isAuthenticated(p) ? '2xx' : '401');
export const capability =
  (cap: string) =>
  (p: Principal): Expected =>
    !isAuthenticated(p) ? '401' : p.capabilities.has(cap) ? '2xx' : '403';

/** Record routes: capability first (403), then visibility (404 for a record the user may not see). */
export function recordAccess(cap?: string, ownerOrAssign = false) {
  return (p: Principal, o: Ownership | undefined): Expected => {
    if (!isAuthenticated(p)) return '401';
    if (p.recordScope === 'none') return '403|404';
    if (cap !== undefined && !p.capabilities.has(cap)) return '403';
    if (o === undefined || !p.sees.has(o)) return '404';
    if (ownerOrAssign && o !== 'own' && !p.capabilities.has('records.assign')) return '403';
    return '2xx';
  };
}

export const ENTITY = 'account';
export const rec = (id: string, tail = '') => `/api/records/${ENTITY}/${id}${tail}`;
export const simple = (method: Method, path: string, body?: unknown) => () =>
  Promise.resolve<PreparedRequest>({ method, path, ...(body === undefined ? {} : { body }) });

/** A route that needs the process engine: where the rules let the request through, 503 on the test platform. */
export const viaEngine =
  (rule: (p: Principal, o: Ownership | undefined) => Expected) =>
  (p: Principal, o: Ownership | undefined): Expected => {
    const expected = rule(p, o);
    return expected === '2xx' ? '503' : expected;
  };

export const dealPath = (id: string, tail = '') => `/api/records/deal/${id}${tail}`;
