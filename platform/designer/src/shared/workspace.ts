// Everything the designers look things up in: the published definitions with the drafts laid over
// them (an entity drafted a minute ago is already usable in a process).
import { useCallback, useEffect, useState } from 'react';
import {
  BUILT_IN_ROLES,
  STORED_KINDS,
  type CalendarDefinition,
  type DefinitionContext,
  type EntityDefinition,
  type FormDefinition,
  type MailTemplateDefinition,
  type ProcessDefinition,
  type RoleDefinition,
  type StoredKind,
} from '@crm/definitions';
import { api } from '../api/definitions-api';

export interface Workspace {
  entities: EntityDefinition[];
  forms: FormDefinition[];
  processes: ProcessDefinition[];
  mailTemplates: MailTemplateDefinition[];
  roles: RoleDefinition[];
  calendars: CalendarDefinition[];
  /** Keys with a draft, per kind. */
  drafted: Record<StoredKind, Set<string>>;
  /** Keys with a published version, per kind. */
  published: Record<StoredKind, Set<string>>;
}

function overlay<T extends { key: string }>(published: T[], drafts: T[]): T[] {
  const byKey = new Map(published.map((d) => [d.key, d]));
  for (const d of drafts) byKey.set(d.key, d);
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export async function loadWorkspace(): Promise<Workspace> {
  const [published, drafts] = await Promise.all([
    Promise.all(STORED_KINDS.map((k) => api.published<{ key: string }>(k))),
    api.drafts(),
  ]);
  const pick = <T extends { key: string }>(kind: StoredKind): T[] => {
    const index = STORED_KINDS.indexOf(kind);
    const pub = (published[index] ?? []).map((v) => v.content as unknown as T);
    const dr = drafts.filter((d) => d.kind === kind).map((d) => d.content as unknown as T);
    return overlay(pub, dr);
  };
  const sets = (fn: (kind: StoredKind) => string[]) =>
    Object.fromEntries(STORED_KINDS.map((k) => [k, new Set(fn(k))])) as Record<StoredKind, Set<string>>;
  return {
    entities: pick('entity'),
    forms: pick('form'),
    processes: pick('process'),
    mailTemplates: pick('mailTemplate'),
    roles: pick('role'),
    calendars: pick('calendar'),
    drafted: sets((k) => drafts.filter((d) => d.kind === k).map((d) => d.key)),
    published: sets((k) => (published[STORED_KINDS.indexOf(k)] ?? []).map((v) => v.key)),
  };
}

export function useWorkspace(): {
  workspace: Workspace | null;
  error: string | null;
  reload(): Promise<void>;
} {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setWorkspace(await loadWorkspace());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { workspace, error, reload };
}

/** The context the shared validators check references against. */
export function validationContext(ws: Workspace): DefinitionContext {
  const roleKeys = new Set([...BUILT_IN_ROLES, ...ws.roles.map((r) => r.key)]);
  return {
    entities: ws.entities,
    mailTemplates: ws.mailTemplates,
    roles: [...roleKeys].map((key) => ({ key })),
    calendars: ws.calendars,
    processes: ws.processes,
  };
}
