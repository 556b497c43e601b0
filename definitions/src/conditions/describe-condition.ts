import type { Comparison, ComparisonOperator, Condition, ScalarValue } from '../generated/common.generated';
import type { EntityDefinition, FieldDefinition } from '../generated/entity.generated';
import { resolveFieldPath, toLookup } from '../records/fields';
import { isComparison } from './condition-walk';

export interface DescribeConditionOptions {
  /** Other entities, to name fields reached through references ("Account › Segment"). */
  entities?: readonly EntityDefinition[];
  /** Labels of stages by node id, to name "$stage" values. */
  stageLabels?: Record<string, string>;
}

const opWords: Record<ComparisonOperator, string> = {
  eq: 'is',
  ne: 'is not',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  isSet: 'is filled in',
  isNotSet: 'is empty',
};

function fieldLabel(path: string, entity: EntityDefinition, options: DescribeConditionOptions): string {
  if (path === '$stage') return 'Stage';
  if (path === '$owner') return 'Owner';
  const resolved = resolveFieldPath(entity, path, toLookup(options.entities));
  if (resolved.status !== 'found') return path;
  return resolved.via ? `${resolved.via.label} › ${resolved.field.label}` : resolved.field.label;
}

function valueText(
  value: ScalarValue,
  field: FieldDefinition | undefined,
  path: string,
  options: DescribeConditionOptions,
): string {
  if (value === null) return 'empty';
  if (path === '$stage' && typeof value === 'string') return options.stageLabels?.[value] ?? value;
  if (field && (field.type === 'enum' || field.type === 'multiEnum')) {
    return field.options.find((o) => o.value === value)?.label ?? String(value);
  }
  if (field?.type === 'percent') return `${String(value)} %`;
  if (field?.type === 'boolean') return value === true ? 'yes' : 'no';
  if (
    typeof value === 'string' &&
    field &&
    ['text', 'longText', 'email', 'phone', 'url'].includes(field.type)
  ) {
    return `“${value}”`;
  }
  return String(value);
}

function describeComparison(
  c: Comparison,
  entity: EntityDefinition,
  options: DescribeConditionOptions,
): string {
  const resolved = c.field.startsWith('$')
    ? undefined
    : resolveFieldPath(entity, c.field, toLookup(options.entities));
  const field = resolved?.status === 'found' ? resolved.field : undefined;
  const subject = `${fieldLabel(c.field, entity, options)} ${opWords[c.op]}`;
  if (c.op === 'isSet' || c.op === 'isNotSet') return subject;
  const values = Array.isArray(c.value) ? c.value : [c.value ?? null];
  const texts = values.map((v) => valueText(v, field, c.field, options));
  const joined =
    texts.length <= 1
      ? (texts[0] ?? '')
      : `${texts.slice(0, -1).join(', ')} or ${texts[texts.length - 1] ?? ''}`;
  return `${subject} ${joined}`;
}

function describe(
  condition: Condition,
  entity: EntityDefinition,
  options: DescribeConditionOptions,
  nested: boolean,
): string {
  if (isComparison(condition)) return describeComparison(condition, entity, options);
  if ('not' in condition) return `not (${describe(condition.not, entity, options, false)})`;
  const [parts, word, empty] =
    'all' in condition ? [condition.all, ' and ', 'always'] : [condition.any, ' or ', 'never'];
  if (parts.length === 0) return empty;
  if (parts.length === 1 && parts[0]) return describe(parts[0], entity, options, nested);
  const text = parts.map((p) => describe(p, entity, options, true)).join(word);
  return nested ? `(${text})` : text;
}

/** A readable sentence for a condition, e.g. "Discount is greater than 10 %". */
export function describeCondition(
  condition: Condition,
  entity: EntityDefinition,
  options: DescribeConditionOptions = {},
): string {
  return describe(condition, entity, options, false);
}
