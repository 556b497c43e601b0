/**
 * What the interpreter knows about the record a process instance runs for: its data (including
 * system fields such as `ownerId` and `stage`), the records its reference fields point to (keyed by
 * the reference field's key, so that `account.segment` resolves through `related.account`), and the
 * owner's manager (needed for `ownerManager` approvers). Plain JSON: it is part of the state.
 */
export interface RecordView {
  data: Record<string, unknown>;
  related?: Record<string, Record<string, unknown>>;
  ownerManagerId?: string;
}

/** The owner's user id, from the `ownerId` system field (or `owner` when that holds an id). */
export function ownerIdOf(record: RecordView): string | undefined {
  const value = record.data.ownerId ?? record.data.owner;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a field path (`amount` or `reference.field`) from the record, through its related
 * records. Returns `undefined` when any part of the path is missing.
 */
export function readFieldPath(record: RecordView, path: string): unknown {
  const [head = '', tail] = path.split('.', 2);
  if (tail === undefined) return Object.hasOwn(record.data, head) ? record.data[head] : undefined;
  const related =
    record.related !== undefined && Object.hasOwn(record.related, head) ? record.related[head] : undefined;
  return related !== undefined && Object.hasOwn(related, tail) ? related[tail] : undefined;
}

/** Whether a value counts as filled in for a required field. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && 'amount' in value) {
    const amount = (value as { amount?: unknown }).amount;
    return typeof amount === 'number' && Number.isFinite(amount);
  }
  return true;
}

/** Applies an `updateRecord` action on the record itself, so later decisions see the new values. */
export function withFieldsSet(record: RecordView, set: Record<string, unknown>): RecordView {
  return { ...record, data: { ...record.data, ...set } };
}
