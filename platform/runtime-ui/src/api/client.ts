// The runtime UI and the designer talk to the API over HTTP only, on the same origin (the session cookie
// signs them in). Both apps share this one client (the designer through `@crm/runtime-ui/ui`).
import type { ProblemDetails, ProblemEntry } from '@crm/definitions';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly ProblemEntry[] = [],
    /** The problem's other members (RFC 9457 extensions), e.g. `processStartPending`. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemEntries(value: unknown): ProblemEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) =>
    isObject(e) && typeof e.message === 'string' ? [e as unknown as ProblemEntry] : [],
  );
}

/** Every problem, a process engine's refusal included, carries its entries in `errors`. */
function entriesOf(problem: Record<string, unknown>): ProblemEntry[] {
  return problemEntries(problem.errors);
}

/** Fired on `window` after any request that changed something went through (not after a GET). */
export const DATA_CHANGED = 'crm:data-changed';

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const answer = await send<T>(method, path, body);
  if (method !== 'GET' && typeof window !== 'undefined') window.dispatchEvent(new Event(DATA_CHANGED));
  return answer;
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): the status alone is reported.
  }
  if (!response.ok) {
    // Read with checks all the same: a proxy in between may answer in another shape.
    const problem: Partial<ProblemDetails> = isObject(payload) ? payload : {};
    const message =
      (typeof problem.detail === 'string' && problem.detail) ||
      (typeof problem.title === 'string' && problem.title) ||
      `The server answered ${response.status}.`;
    const {
      type: _type,
      title: _title,
      status: _status,
      detail: _detail,
      instance: _instance,
      errors: _errors,
      ...extensions
    } = problem as Record<string, unknown>;
    throw new ApiError(response.status, message, entriesOf(problem), extensions);
  }
  return payload as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
