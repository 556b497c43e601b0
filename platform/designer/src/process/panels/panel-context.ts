// What every property panel looks things up in, and the one helper they all use to keep optional
// settings out of the definition when they are cleared (absent, rather than empty or false).
import type { EntityDefinition, MailTemplateDefinition } from '@crm/definitions';

export interface PanelContext {
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  templates: readonly MailTemplateDefinition[];
  roles: readonly string[];
  stages: readonly { id: string; label: string }[];
  /** Timer ids of the whole process: they must be unique across nodes. */
  timerIds: readonly string[];
  /** Validation problems of the node being edited, their paths relative to it ("/timers/0/after"). */
  problems: readonly Problem[];
}

export interface Problem {
  path: string;
  message: string;
}

/** Whether a problem concerns the part of the node at `path` (or something inside it). */
export function hasProblemAt(problems: readonly Problem[], path: string): boolean {
  return problems.some((p) => p.path === path || p.path.startsWith(`${path}/`));
}

/** A copy of `item` with `key` set to `value`, or without `key` when `value` is empty. */
export function withOptional<T extends object, K extends keyof T>(
  item: T,
  key: K,
  value: T[K] | undefined,
): T {
  const copy = { ...item };
  if (value === undefined || value === '' || value === false) delete copy[key];
  else copy[key] = value;
  return copy;
}

/**
 * The formal lists of logged activities (their types and results), read from an entity keyed
 * "activity" when the workspace has one, as the runtime UI's activity log does. Suggestions only:
 * a process may name other values.
 */
export function activityChoices(entities: readonly EntityDefinition[]): {
  types: { value: string; label: string }[];
  results: { value: string; label: string }[];
} {
  const fields = entities.find((e) => e.key === 'activity')?.fields ?? [];
  const options = (key: string) => {
    const field = fields.find((f) => f.key === key);
    return field?.type === 'enum' ? field.options.map((o) => ({ value: o.value, label: o.label })) : [];
  };
  return { types: options('type'), results: options('result') };
}
