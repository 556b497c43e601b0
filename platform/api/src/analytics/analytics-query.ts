import { BadRequestError, type ProblemEntry } from '../http/problems';
import { isUuid } from '../http/validate';

/** A half-open time window [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

export interface SnapshotQuery {
  /** Only records owned by this user. */
  ownerId: string | undefined;
  /** A money field of the entity to sum instead of its first one. */
  amountField: string | undefined;
}

export interface FunnelQuery extends SnapshotQuery {
  period: Period;
}

const DAY = 86_400_000;
/** The period when none is given: the last quarter, which is what a sales manager looks at first. */
export const DEFAULT_PERIOD_DAYS = 90;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const KEY = /^[a-z][a-z0-9_]{0,62}$/;

type Query = Record<string, unknown>;

function single(query: Query, name: string, errors: ProblemEntry[]): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    errors.push({ field: name, rule: 'type', message: `"${name}" must be given once, as text.` });
    return undefined;
  }
  return value;
}

/**
 * A day (`2026-05-01`, the whole UTC day) or an instant (ISO 8601 with a zone). A day given as the
 * end of the period includes that day, which is what people mean by "from May 1 to May 31".
 */
function parseBound(value: string, end: boolean): Date | undefined {
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return undefined;
    return end ? new Date(day.getTime() + DAY) : day;
  }
  if (!DATE_TIME.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function readBound(query: Query, name: 'from' | 'to', errors: ProblemEntry[]): Date | undefined {
  const raw = single(query, name, errors);
  if (raw === undefined) return undefined;
  const parsed = parseBound(raw, name === 'to');
  if (parsed === undefined)
    errors.push({
      field: name,
      rule: 'format',
      message: `"${name}" must be a date (2026-05-31) or a date-time with a zone (2026-05-31T12:00:00Z).`,
    });
  return parsed;
}

function readSnapshot(query: Query, errors: ProblemEntry[]): SnapshotQuery {
  const ownerId = single(query, 'owner', errors);
  if (ownerId !== undefined && !isUuid(ownerId))
    errors.push({ field: 'owner', rule: 'format', message: '"owner" must be a user id (uuid).' });
  const amountField = single(query, 'amountField', errors);
  if (amountField !== undefined && !KEY.test(amountField))
    errors.push({ field: 'amountField', rule: 'format', message: '"amountField" must be a field key.' });
  return { ownerId, amountField };
}

function fail(errors: ProblemEntry[]): void {
  if (errors.length > 0) throw new BadRequestError('The analytics query is not valid.', errors);
}

/** Reads `owner` and `amountField`; 400 naming the field for anything malformed. */
export function parseSnapshotQuery(query: Query): SnapshotQuery {
  const errors: ProblemEntry[] = [];
  const parsed = readSnapshot(query, errors);
  fail(errors);
  return parsed;
}

/** Reads the period (`from`, `to`; the last 90 days by default) and the snapshot parameters. */
export function parseFunnelQuery(query: Query, now: Date = new Date()): FunnelQuery {
  const errors: ProblemEntry[] = [];
  const snapshot = readSnapshot(query, errors);
  const from = readBound(query, 'from', errors);
  const to = readBound(query, 'to', errors);
  fail(errors);
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY);
  if (start.getTime() >= end.getTime())
    fail([{ field: 'from', rule: 'order', message: '"from" must be before "to".' }]);
  return { ...snapshot, period: { from: start, to: end } };
}
