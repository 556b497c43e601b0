import type { Condition } from '../generated/common.generated';
import type { EntityDefinition } from '../generated/entity.generated';
import { describeCondition as describeConditionFor } from '../conditions/describe-condition';
import { canonicalJson } from '../shared/canonical-json';
import { isRecord } from '../shared/json-pointer';
import type { DiffContext } from './diff.types';

/** Wraps a name in the typographic quotes used in every message. */
export function quote(text: string): string {
  return `“${text}”`;
}

/** Compares JSON values structurally; key order in objects does not matter. */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** Renders a definition value for a message: numbers and words plainly, text quoted, lists joined. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'none'
      : value.map((v) => (typeof v === 'string' ? v : formatValue(v))).join(', ');
  }
  if (isRecord(value) && typeof value.amount === 'number' && typeof value.currency === 'string') {
    return `${value.amount} ${value.currency}`;
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${k} = ${formatValue(v)}`)
      .join(', ');
  }
  return JSON.stringify(value);
}

/** Finds a definition by key in a context list (the first match wins). */
export function findByKey<T extends { key: string }>(
  list: readonly T[] | undefined,
  key: string,
): T | undefined {
  return list?.find((item) => item.key === key);
}

/**
 * Names a field path for people: `budget` → “Budget”, `account.segment` → “Account › Segment”.
 * Unknown keys are shown as they are, so a message never fails for lack of context.
 */
export function fieldPathLabel(path: string, entityKey: string | undefined, context: DiffContext): string {
  if (path === '$stage') return 'Stage';
  if (path === '$owner') return 'Owner';
  const [head = path, ...rest] = path.split('.');
  // Look through every version in the context: a removed field is still named by the old one.
  const field = (context.entities ?? [])
    .filter((entity) => entity.key === entityKey)
    .map((entity) => entity.fields.find((f) => f.key === head))
    .find((f) => f !== undefined);
  const headLabel = field?.label ?? head;
  if (rest.length === 0) return headLabel;
  const target = field?.type === 'reference' ? field.entity : undefined;
  return `${headLabel} › ${fieldPathLabel(rest.join('.'), target, context)}`;
}

/**
 * Renders a condition as a sentence with the shared condition describer. Without the entity in the
 * context, a stand-in without fields makes the describer fall back to the raw field keys.
 */
export function describeCondition(condition: Condition, entityKey: string, context: DiffContext): string {
  const entity =
    findByKey(context.entities, entityKey) ??
    ({ key: entityKey, label: entityKey, pluralLabel: entityKey, fields: [] } as unknown as EntityDefinition);
  const stageLabels: Record<string, string> = {};
  for (const process of [...(context.processes ?? [])].reverse()) {
    if (process.entity !== entityKey) continue;
    for (const node of process.nodes) stageLabels[node.id] = node.label;
  }
  return describeConditionFor(condition, entity, { entities: context.entities, stageLabels });
}
