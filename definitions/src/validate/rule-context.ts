import type { EntityDefinition } from '../generated/entity.generated';
import type { FormDefinition } from '../generated/form.generated';
import type { MailTemplateDefinition } from '../generated/mail-template.generated';
import type { ProcessDefinition } from '../generated/process.generated';
import type { EntityLookup } from '../records/fields';

/** Kinds a definition can refer to by key. */
export type ReferenceKind = 'entity' | 'mailTemplate' | 'role' | 'calendar';

/** The roles every installation has, which solutions may refer to without defining them. */
export const BUILT_IN_ROLES = ['admin', 'analyst', 'manager', 'director', 'rep'] as const;

/** What the cross-definition rules may look up. Kinds the caller did not provide are not checked. */
export interface RuleContext {
  /** A schema-valid entity by key. */
  entity: EntityLookup;
  mailTemplate(key: string): MailTemplateDefinition | undefined;
  /** Whether a definition with the key exists (always true for kinds that are not checked). */
  exists(kind: ReferenceKind, key: string): boolean;
  /** Stage and end node ids of the processes of an entity, or undefined when unknown. */
  stagesOf(entityKey: string): ReadonlySet<string> | undefined;
}

/** Definitions that other definitions may refer to. */
export interface ReferenceSet {
  entities?: readonly EntityDefinition[];
  forms?: readonly FormDefinition[];
  processes?: readonly ProcessDefinition[];
  mailTemplates?: readonly MailTemplateDefinition[];
  roles?: ReadonlyArray<{ key: string }>;
  calendars?: ReadonlyArray<{ key: string }>;
}

export interface RuleContextInput {
  /** Schema-valid definitions. */
  valid: ReferenceSet;
  /** Keys of every definition given, valid or not (an invalid one still "exists"). */
  known: Partial<Record<ReferenceKind | 'process', ReadonlySet<string>>>;
}

export function createRuleContext({ valid, known }: RuleContextInput): RuleContext {
  const entities = new Map((valid.entities ?? []).map((e) => [e.key, e]));
  const templates = new Map((valid.mailTemplates ?? []).map((t) => [t.key, t]));
  const stages = new Map<string, Set<string>>();
  for (const process of valid.processes ?? []) {
    const set = stages.get(process.entity) ?? new Set<string>();
    for (const node of process.nodes) if (node.type === 'stage' || node.type === 'end') set.add(node.id);
    stages.set(process.entity, set);
  }
  const processesKnown = known.process !== undefined;
  const allProcessesValid = (known.process?.size ?? 0) === (valid.processes?.length ?? 0);
  return {
    entity: (key) => entities.get(key),
    mailTemplate: (key) => templates.get(key),
    exists(kind, key) {
      if (kind === 'role' && (BUILT_IN_ROLES as readonly string[]).includes(key)) return true;
      const keys = known[kind];
      return keys === undefined || keys.has(key);
    },
    stagesOf(entityKey) {
      // With a process missing or broken, a stage id may be right and still not be found.
      if (!processesKnown || !allProcessesValid) return undefined;
      return stages.get(entityKey) ?? new Set<string>();
    },
  };
}

/** The keys of the definitions in a list that have one. */
export function keysOf(items: readonly unknown[] | undefined): ReadonlySet<string> | undefined {
  if (!items) return undefined;
  const keys = items.flatMap((item) =>
    typeof item === 'object' && item !== null && 'key' in item && typeof item.key === 'string'
      ? [item.key]
      : [],
  );
  return new Set(keys);
}
