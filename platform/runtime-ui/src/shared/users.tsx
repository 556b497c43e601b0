// The user directory (GET /api/users), loaded once per signed-in session and shared through
// context, so every screen shows owner and assignee names instead of user ids.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DirectoryUser, EntityDefinition } from '@crm/definitions';
import { request } from '../api/client';
import type { ChoiceOption } from '../forms';

export interface UserDirectory {
  users: readonly DirectoryUser[];
  byId: ReadonlyMap<string, DirectoryUser>;
  /** The user's name; a short id while the directory loads or for an unknown id. */
  nameOf(id: string | null | undefined, fallback?: string): string;
}

export const fetchUsers = () => request<{ items: DirectoryUser[] }>('GET', '/api/users');

function directoryOf(users: readonly DirectoryUser[]): UserDirectory {
  const byId = new Map(users.map((user) => [user.id, user]));
  return {
    users,
    byId,
    nameOf: (id, fallback = 'Unassigned') => {
      if (!id) return fallback;
      return byId.get(id)?.name ?? `User ${id.slice(0, 8)}`;
    },
  };
}

const EMPTY = directoryOf([]);
const UsersContext = createContext<UserDirectory>(EMPTY);

/** Loads the directory for the screens below it; they render with short ids until it arrives. */
export function UsersProvider({ children }: { children: ReactNode }) {
  const [users, setUsers] = useState<readonly DirectoryUser[]>([]);
  useEffect(() => {
    let cancelled = false;
    fetchUsers().then(
      (page) => {
        if (!cancelled) setUsers(page.items);
      },
      // Names are a convenience: without the directory the screens still work with ids.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const directory = useMemo(() => directoryOf(users), [users]);
  return <UsersContext.Provider value={directory}>{children}</UsersContext.Provider>;
}

export function useUsers(): UserDirectory {
  return useContext(UsersContext);
}

/** Choices for the entity's user fields, so a form offers names instead of a box for a user id. */
export function userChoices(
  entity: EntityDefinition,
  users: readonly DirectoryUser[],
): Record<string, ChoiceOption[]> {
  if (users.length === 0) return {};
  const options = users
    .toSorted((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))
    .map((user) => ({ value: user.id, label: user.active ? user.name : `${user.name} (inactive)` }));
  return Object.fromEntries(
    entity.fields.filter((field) => field.type === 'user').map((field) => [field.key, options]),
  );
}
