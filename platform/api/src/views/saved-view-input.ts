// The payload of a saved list view, checked in two steps: its shape (types, lengths, no unknown
// properties: 400 naming the field) and then its meaning against the published entity (fields that
// exist, operators the list API knows: 422 naming the field and rule).
import type { ViewFilter, ViewQuery } from '@crm/definitions';
import { BadRequestError, ValidationError, type ProblemEntry } from '../http/problems';
import type { EntityLike } from '../records/field-sql';
import { FILTER_OPS, SYSTEM_COLUMN_KEYS } from '../records/records-list';

export interface ViewInput {
  entity: string;
  name: string;
  shared: boolean;
  query: ViewQuery;
}

export type ViewChanges = Partial<Omit<ViewInput, 'entity'>>;

export const VIEW_LIMITS = { name: 100, filters: 20, value: 500, q: 200, columns: 30 } as const;

const VIEW_KEYS = ['entity', 'name', 'shared', 'query'] as const;
const QUERY_KEYS = ['filters', 'sort', 'q', 'columns'] as const;
const FILTER_KEYS = ['field', 'op', 'value'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class ShapeCheck {
  readonly errors: ProblemEntry[] = [];

  fail(pointer: string, rule: string, message: string): undefined {
    const field = pointer.split('/').filter(Boolean).join('.');
    this.errors.push({ field, pointer, rule, message });
    return undefined;
  }

  onlyKeys(value: Record<string, unknown>, allowed: readonly string[], at: string): void {
    for (const key of Object.keys(value))
      if (!allowed.includes(key)) this.fail(`${at}/${key}`, 'unknownProperty', `Unknown property "${key}".`);
  }

  /** A string of 1..max characters (after trimming when `trim`), without NUL (PostgreSQL refuses it). */
  text(value: unknown, at: string, max: number, options: { trim?: boolean; empty?: boolean } = {}) {
    if (typeof value !== 'string') return this.fail(at, 'type', `${at.slice(1)} must be a string.`);
    const text = options.trim ? value.trim() : value;
    if (text.includes('\u0000')) return this.fail(at, 'format', `${at.slice(1)} must not contain NUL.`);
    if (text === '' && !options.empty) return this.fail(at, 'required', `${at.slice(1)} must not be empty.`);
    if (text.length > max)
      return this.fail(at, 'maxLength', `${at.slice(1)} is longer than ${max} characters.`);
    return text;
  }

  query(value: unknown): ViewQuery | undefined {
    if (!isObject(value)) return this.fail('/query', 'type', 'query must be an object.');
    this.onlyKeys(value, QUERY_KEYS, '/query');
    const filters: ViewFilter[] = [];
    const rawFilters = value.filters ?? [];
    if (!Array.isArray(rawFilters)) this.fail('/query/filters', 'type', 'query.filters must be a list.');
    else if (rawFilters.length > VIEW_LIMITS.filters)
      this.fail('/query/filters', 'maxItems', `A view keeps at most ${VIEW_LIMITS.filters} filters.`);
    else rawFilters.forEach((raw, i) => this.filter(raw, `/query/filters/${i}`, filters));
    const out: ViewQuery = { filters };
    if (value.sort !== undefined) {
      const sort = this.text(value.sort, '/query/sort', 100);
      if (sort !== undefined) out.sort = sort;
    }
    if (value.q !== undefined) {
      const q = this.text(value.q, '/query/q', VIEW_LIMITS.q, { trim: true, empty: true });
      if (q) out.q = q;
    }
    if (value.columns !== undefined) {
      if (!Array.isArray(value.columns) || value.columns.length > VIEW_LIMITS.columns)
        this.fail(
          '/query/columns',
          'type',
          `query.columns must be a list of at most ${VIEW_LIMITS.columns} keys.`,
        );
      else {
        const columns = value.columns.map((c, i) => this.text(c, `/query/columns/${i}`, 100));
        if (columns.every((c): c is string => c !== undefined)) out.columns = [...new Set(columns)];
      }
    }
    return out;
  }

  private filter(raw: unknown, at: string, out: ViewFilter[]): void {
    if (!isObject(raw)) {
      this.fail(at, 'type', 'A filter must be an object with field, op and value.');
      return;
    }
    this.onlyKeys(raw, FILTER_KEYS, at);
    const field = this.text(raw.field, `${at}/field`, 100);
    const opText = this.text(raw.op ?? 'eq', `${at}/op`, 20);
    const op = FILTER_OPS.find((candidate) => candidate === opText);
    if (opText !== undefined && op === undefined)
      this.fail(
        `${at}/op`,
        'operator',
        `Unknown filter operator "${opText}"; use one of ${FILTER_OPS.join(', ')}.`,
      );
    const value = this.text(raw.value, `${at}/value`, VIEW_LIMITS.value);
    if (field !== undefined && op !== undefined && value !== undefined) out.push({ field, op, value });
  }
}

/** The body of `POST /api/views` (all of it) or `PATCH /api/views/:id` (name, shared, query). */
export function parseViewBody(body: unknown, partial: true): ViewChanges;
export function parseViewBody(body: unknown, partial: false): ViewInput;
export function parseViewBody(body: unknown, partial: boolean): ViewInput | ViewChanges {
  if (!isObject(body)) throw new BadRequestError('The request body must be a JSON object.');
  const check = new ShapeCheck();
  check.onlyKeys(body, partial ? VIEW_KEYS.filter((k) => k !== 'entity') : VIEW_KEYS, '');
  const out: ViewChanges & { entity?: string } = {};
  if (!partial) out.entity = check.text(body.entity, '/entity', 100);
  if (!partial || body.name !== undefined) {
    const name = check.text(body.name, '/name', VIEW_LIMITS.name, { trim: true });
    if (name !== undefined) out.name = name;
  }
  if (body.shared !== undefined) {
    if (typeof body.shared !== 'boolean') check.fail('/shared', 'type', 'shared must be true or false.');
    else out.shared = body.shared;
  } else if (!partial) out.shared = false;
  if (!partial || body.query !== undefined) {
    const query = check.query(body.query ?? {});
    if (query !== undefined) out.query = query;
  }
  if (check.errors.length > 0) throw new BadRequestError('The view payload is malformed.', check.errors);
  return out;
}

/** Fields and operators that the entity's list accepts; a view naming anything else is refused. */
export function checkViewAgainstEntity(entity: EntityLike, query: ViewQuery): void {
  const errors: ProblemEntry[] = [];
  const known = new Set([...SYSTEM_COLUMN_KEYS, ...entity.fields.map((f) => f.key)]);
  const unknown = (pointer: string, key: string, what: string) =>
    errors.push({
      field: pointer.split('/').filter(Boolean).join('.'),
      pointer,
      rule: 'unknownField',
      message: `${entity.label} has no field "${key}" to ${what}.`,
    });
  query.filters.forEach((f, i) => {
    if (!known.has(f.field)) unknown(`/query/filters/${i}/field`, f.field, 'filter by');
  });
  if (query.sort !== undefined) {
    const key = query.sort.startsWith('-') ? query.sort.slice(1) : query.sort;
    if (!known.has(key)) unknown('/query/sort', key, 'sort by');
  }
  query.columns?.forEach((c, i) => {
    if (!known.has(c)) unknown(`/query/columns/${i}`, c, 'show');
  });
  if (errors.length > 0) throw new ValidationError(`The view does not fit ${entity.label}.`, errors);
}
