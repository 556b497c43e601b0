import type { Comparison, Condition, ScalarValue } from '../generated/common.generated';
import { isRecord } from '../shared/json-pointer';
import { isComparison } from './condition-walk';

/** Record data as stored: field key → value. */
export type RecordData = Record<string, unknown>;

/** Everything a condition may read. There is no clock and no I/O: related records are passed in. */
export interface ConditionContext {
  /** The record's data. */
  record: RecordData;
  /** Data of related records, by the key of the reference field that links them. */
  related?: Record<string, RecordData | undefined>;
  /** The id of the process node (stage) the record is in; read by "$stage". */
  stage?: string;
  /** The id of the record's owner; read by "$owner". */
  ownerId?: string;
}

function own(data: RecordData | undefined, key: string): unknown {
  return data && Object.hasOwn(data, key) ? data[key] : undefined;
}

/** The value a comparison's field designates in the context. */
export function readConditionField(field: string, context: ConditionContext): unknown {
  if (field === '$stage') return context.stage;
  if (field === '$owner') return context.ownerId;
  const [head = '', tail] = field.split('.');
  if (tail === undefined) return own(context.record, head);
  const related = context.related && Object.hasOwn(context.related, head) ? context.related[head] : undefined;
  return own(related, tail);
}

/** '', null, undefined and [] count as "not set". */
export function isValueSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/** Money compares by its amount; an absent field compares like null. */
function comparable(value: unknown): unknown {
  if (value === undefined) return null;
  if (isRecord(value) && typeof value.amount === 'number' && typeof value.currency === 'string')
    return value.amount;
  return value;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item) => b.some((other) => same(item, other)));
  }
  return a === b;
}

function order(actual: unknown, expected: ScalarValue | ScalarValue[] | undefined): number | undefined {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  // ISO dates and date-times compare correctly as strings.
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  }
  return undefined;
}

function isIn(actual: unknown, list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  if (Array.isArray(actual)) return actual.some((item) => list.some((v) => same(item, v)));
  return list.some((v) => same(actual, v));
}

function compare(comparison: Comparison, context: ConditionContext): boolean {
  const actual = comparable(readConditionField(comparison.field, context));
  const expected = comparison.value;
  switch (comparison.op) {
    case 'eq':
      return same(actual, expected);
    case 'ne':
      return !same(actual, expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const diff = order(actual, expected);
      if (diff === undefined || Number.isNaN(diff)) return false;
      if (comparison.op === 'gt') return diff > 0;
      if (comparison.op === 'gte') return diff >= 0;
      if (comparison.op === 'lt') return diff < 0;
      return diff <= 0;
    }
    case 'in':
      return isIn(actual, expected);
    case 'notIn':
      return !isIn(actual, expected);
    case 'contains':
      if (typeof actual === 'string' && typeof expected === 'string') return actual.includes(expected);
      if (Array.isArray(actual)) return actual.some((item) => same(item, expected));
      return false;
    case 'isSet':
      return isValueSet(actual);
    case 'isNotSet':
      return !isValueSet(actual);
    default:
      throw new Error(`Unknown condition operator: ${String((comparison as { op: unknown }).op)}`);
  }
}

/**
 * Evaluates a condition against a record. Pure and deterministic: the same condition and context
 * always give the same answer. An unset field makes every comparison false except "ne", "notIn"
 * and "isNotSet".
 */
export function evaluateCondition(condition: Condition, context: ConditionContext): boolean {
  if (isComparison(condition)) return compare(condition, context);
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context));
  if ('not' in condition) return !evaluateCondition(condition.not, context);
  throw new Error('Unknown condition shape');
}
