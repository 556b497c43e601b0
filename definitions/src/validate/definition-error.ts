import type { StoredKind, StoredKindList } from '../wire/definitions';

/** The kinds of definition the language knows. */
export type DefinitionKind =
  'entity' | 'form' | 'process' | 'mailTemplate' | 'role' | 'calendar' | 'solution';

/**
 * The kinds stored and versioned one definition at a time (every kind but `solution`), in the
 * order they are compared, listed and published. The one list of them; the wire's StoredKindList
 * checks it against StoredKind both ways.
 */
export const STORED_KINDS = [
  'entity',
  'form',
  'process',
  'mailTemplate',
  'role',
  'calendar',
] as const satisfies StoredKindList;

export function isStoredKind(value: unknown): value is StoredKind {
  return (STORED_KINDS as readonly unknown[]).includes(value);
}

/** Identifiers of the validation rules; each has one invalid fixture in test-fixtures/invalid/. */
export const RULE_IDS = [
  'schema',
  'duplicate-key',
  'duplicate-field-key',
  'duplicate-option-value',
  'duplicate-group-key',
  'duplicate-node-id',
  'duplicate-edge-id',
  'duplicate-item-id',
  'reserved-field-key',
  'field-in-several-groups',
  'min-greater-than-max',
  'derived-value-invalid',
  'single-start',
  'unknown-edge-node',
  'unreachable-node',
  'node-without-exit',
  'too-many-exits',
  'end-node-has-exit',
  'split-needs-branches',
  'join-needs-branches',
  'decision-default',
  'decision-branch-condition',
  'approval-outcomes',
  'wait-timeout-edge',
  'unexpected-source-handle',
  'unknown-entity',
  'unknown-field',
  'unknown-template',
  'unknown-role',
  'unknown-calendar',
  'unknown-stage',
  'calendar-required',
  'template-entity-mismatch',
  'enum-value-invalid',
  'update-target-not-reference',
  'update-value-invalid',
  'wait-field-not-date',
  'unknown-merge-field',
  'unknown-timezone',
  'working-hours-order',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** One problem found in a definition, phrased for the business analyst who wrote it. */
export interface DefinitionError {
  /** The rule that was broken (kebab-case). */
  rule: RuleId;
  /** A sentence a business analyst understands. */
  message: string;
  /** The kind of definition that holds the problem. */
  kind: DefinitionKind;
  /** The key of that definition (or its position, "#2", when it has no readable key). */
  key: string;
  /** JSON pointer into that definition. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  fieldKey?: string;
}

/** Where a rule reports: the definition it is checking. */
export interface ErrorSite {
  kind: DefinitionKind;
  key: string;
}

export function definitionError(
  site: ErrorSite,
  rule: RuleId,
  path: string,
  message: string,
  extra: Pick<DefinitionError, 'nodeId' | 'edgeId' | 'fieldKey'> = {},
): DefinitionError {
  return { rule, message, kind: site.kind, key: site.key, path, ...extra };
}

/** “Quoted” text for messages. */
export function q(text: string | number): string {
  return `“${text}”`;
}
