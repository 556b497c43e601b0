// The published definitions every screen is generated from, loaded once per session.
import { createContext, useContext } from 'react';
import type { EntityDefinition, FormDefinition, Me } from '@crm/definitions';
import type { PublishedSet } from '../api/runtime-api';

export interface Workspace extends PublishedSet {
  me: Me;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside the signed-in shell');
  return workspace;
}

export function entityOf(ws: Workspace, key: string): EntityDefinition | undefined {
  return ws.entities.find((e) => e.key === key);
}

/** The entity's form: the first published form for it. */
export function formOf(ws: Workspace, entity: string): FormDefinition | undefined {
  return ws.forms.find((f) => f.entity === entity);
}

export function pluralOf(entity: EntityDefinition): string {
  return entity.pluralLabel ?? entity.label;
}

export function can(ws: Workspace, capability: string): boolean {
  return ws.me.capabilities.includes(capability);
}
