import type { DefinitionChange } from '@crm/definitions';
import { ApiError, request, type ProblemEntry } from '@crm/runtime-ui/ui';

export type StoredKind = 'entity' | 'form' | 'process' | 'mailTemplate' | 'role' | 'calendar';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface PublishedVersion<T = Record<string, unknown>> {
  kind: StoredKind;
  key: string;
  version: number;
  contentHash?: string;
  content: T;
  publishedAt?: string;
  publishedBy?: string | null;
}

export interface Draft<T = Record<string, unknown>> {
  kind: StoredKind;
  key: string;
  content: T;
  updatedAt: string;
}

export interface VersionMeta {
  version: number;
  contentHash?: string;
  publishedAt?: string;
  publishedBy?: string | null;
}

const enc = encodeURIComponent;

export const api = {
  login: (email: string, password: string) =>
    request<{ user: PublicUser }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  async me(): Promise<PublicUser | null> {
    try {
      const answer = await request<{ user?: PublicUser } & Partial<PublicUser>>('GET', '/api/auth/me');
      return answer.user ?? (answer.id ? (answer as PublicUser) : null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  published: <T>(kind: StoredKind) =>
    request<{ items: PublishedVersion<T>[] }>('GET', `/api/definitions/published?kind=${kind}`).then(
      (r) => r.items,
    ),
  drafts: () => request<{ items: Draft[] }>('GET', '/api/definitions/drafts').then((r) => r.items),
  async draft<T>(kind: StoredKind, key: string): Promise<Draft<T> | null> {
    try {
      return await request<Draft<T>>('GET', `/api/definitions/drafts/${kind}/${enc(key)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  saveDraft: (kind: StoredKind, key: string, content: unknown) =>
    request<{ draft: Draft; errors: ProblemEntry[] }>(
      'PUT',
      `/api/definitions/drafts/${kind}/${enc(key)}`,
      content,
    ),
  deleteDraft: (kind: StoredKind, key: string) =>
    request<void>('DELETE', `/api/definitions/drafts/${kind}/${enc(key)}`),
  publish: (items: { kind: StoredKind; key: string }[], migration?: unknown) =>
    request<{ items: { kind: string; key: string; version: number; created: boolean }[] }>(
      'POST',
      '/api/definitions/publish',
      migration === undefined ? { items } : { items, migration },
    ),
  async versions(kind: StoredKind, key: string): Promise<VersionMeta[]> {
    try {
      return (await request<{ items: VersionMeta[] }>('GET', `/api/definitions/${kind}/${enc(key)}/versions`))
        .items;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  },
  version: <T>(kind: StoredKind, key: string, version: number) =>
    request<PublishedVersion<T>>('GET', `/api/definitions/${kind}/${enc(key)}/versions/${version}`),
  diff: (kind: StoredKind, key: string) =>
    request<{ changes: DefinitionChange[] }>(
      'GET',
      `/api/definitions/${kind}/${enc(key)}/diff?from=latest&to=draft`,
    ).then((r) => r.changes),
  exportSolution: () => request<Record<string, unknown>>('GET', '/api/solution/export'),
  importSolution: (solution: unknown) =>
    request<{ items: unknown[] }>('POST', '/api/solution/import', solution),
  simulate: (body: { process: unknown; record: unknown; related?: unknown; script?: unknown }) =>
    request<SimulationAnswer>('POST', '/api/processes/simulate', body),
};

/** The parts of the engine's simulation result the designer shows. */
export interface SimulationAnswer {
  path: { at: number; nodeId: string; label: string; type: string; viaEdgeId?: string }[];
  edges: string[];
  mails: { template?: unknown; to?: unknown; at: number; [k: string]: unknown }[];
  approvals: { nodeId?: string; at: number; [k: string]: unknown }[];
  tasks: { title?: string; at: number; [k: string]: unknown }[];
  rejected?: { reasons: string[] }[];
  status?: string;
  outcome?: string;
  error?: { code: string; message: string };
}
