import type { FilterOp } from '@crm/definitions';
import { BadRequestError, type ProblemEntry } from '../http/problems';
import { FILTER_OPS, type Filter, type ListQuery } from './records-list';

const FILTER_KEY = /^filter\[([A-Za-z][A-Za-z0-9_]{0,62})\](?:\[([A-Za-z]+)\])?$/;
const KNOWN = new Set(['sort', 'limit', 'cursor', 'q']);

function single(key: string, value: unknown, errors: ProblemEntry[]): string | undefined {
  if (typeof value === 'string') return value;
  errors.push({ field: key, rule: 'type', message: `"${key}" must be given once.` });
  return undefined;
}

/**
 * Parses `?filter[amount][gte]=1000&filter[segment]=distributor&sort=-amount&limit=50&cursor=…&q=…`
 * from the flat query object of Express's simple query parser (no nested-object parsing, so no
 * prototype tricks through query strings).
 */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const errors: ProblemEntry[] = [];
  const filters: Filter[] = [];
  const out: ListQuery = { filters };
  for (const [key, raw] of Object.entries(query)) {
    const match = FILTER_KEY.exec(key);
    if (match?.[1]) {
      const op = match[2] ?? 'eq';
      const value = single(key, raw, errors);
      if (!(FILTER_OPS as readonly string[]).includes(op))
        errors.push({
          field: match[1],
          rule: 'operator',
          message: `Unknown filter operator "${op}"; use one of ${FILTER_OPS.join(', ')}.`,
        });
      else if (value !== undefined) filters.push({ field: match[1], op: op as FilterOp, value });
      continue;
    }
    if (!KNOWN.has(key)) {
      errors.push({ field: key, rule: 'unknownParameter', message: `Unknown query parameter "${key}".` });
      continue;
    }
    const value = single(key, raw, errors);
    if (value === undefined) continue;
    if (key === 'limit') {
      if (!/^\d{1,4}$/.test(value))
        errors.push({ field: 'limit', rule: 'type', message: 'limit must be a whole number.' });
      else out.limit = Number(value);
    } else if (key === 'sort') out.sort = value;
    else if (key === 'cursor') out.cursor = value;
    else out.q = value;
  }
  if (errors.length > 0) throw new BadRequestError('The list query is not valid.', errors);
  return out;
}
