import type {
  DefinitionDiff,
  Draft,
  Me,
  MigrationReport,
  ProcessInstanceSummary,
  PublicUser,
  PublishedVersion,
  PublishResult,
  SavedDraft,
  SimulationAnswer,
  StoredKind,
  VersionMeta,
} from '@crm/definitions';
import { ApiError, request } from '@crm/runtime-ui/ui';

const enc = encodeURIComponent;

export const api = {
  login: (email: string, password: string) =>
    request<{ user: PublicUser }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  async me(): Promise<PublicUser | null> {
    try {
      return (await request<Me>('GET', '/api/auth/me')).user;
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
    request<SavedDraft>('PUT', `/api/definitions/drafts/${kind}/${enc(key)}`, content),
  deleteDraft: (kind: StoredKind, key: string) =>
    request<void>('DELETE', `/api/definitions/drafts/${kind}/${enc(key)}`),
  publish: (items: { kind: StoredKind; key: string }[], migration?: unknown) =>
    request<{ items: PublishResult[] }>(
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
    request<DefinitionDiff>('GET', `/api/definitions/${kind}/${enc(key)}/diff?from=latest&to=draft`).then(
      (r) => r.changes,
    ),
  exportSolution: () => request<Record<string, unknown>>('GET', '/api/solution/export'),
  importSolution: (solution: unknown) =>
    request<{ items: PublishResult[] }>('POST', '/api/solution/import', solution),
  simulate: (body: { process: unknown; record: unknown; related?: unknown; script?: unknown }) =>
    request<SimulationAnswer>('POST', '/api/processes/simulate', body),
  /** The process's instances as the engine lists them (every version, running or not). */
  instances: (processKey: string) =>
    request<{ items: ProcessInstanceSummary[] }>('GET', `/api/processes/${enc(processKey)}/instances`).then(
      (r) => r.items,
    ),
  /** Moves the running instances of version `from` to the newest published version. */
  migrate: (processKey: string, from: number) =>
    request<MigrationReport>('POST', `/api/processes/${enc(processKey)}/migrate`, { from }),
};
