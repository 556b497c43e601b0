// The list screen's query state, turned into the API's `filter[field][op]=…&sort=…&q=…` parameters.
import type { FieldDefinition, FilterOp, ViewFilter, ViewQuery } from '@crm/definitions';

export interface ListState {
  filters: ViewFilter[];
  sort?: string;
  q: string;
  /** Field keys shown as columns, in order; the form's first fields when unset. */
  columns?: string[];
}

export const PAGE_SIZE = 25;

export function toParams(state: ListState, cursor?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  for (const f of state.filters) params.set(`filter[${f.field}][${f.op}]`, f.value);
  if (state.sort) params.set('sort', state.sort);
  if (state.q.trim()) params.set('q', state.q.trim());
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** The part of the list state a saved view keeps (the API's ViewQuery). */
export function toViewQuery(state: ListState): ViewQuery {
  return {
    filters: state.filters,
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
    ...(state.columns ? { columns: state.columns } : {}),
  };
}

/** The operators that make sense for a field type (the API accepts them all). */
export function operatorsFor(field: FieldDefinition | undefined): { op: FilterOp; label: string }[] {
  const set = { op: 'isSet' as const, label: 'is set (true/false)' };
  if (!field) return [{ op: 'eq', label: 'is' }, { op: 'ne', label: 'is not' }, set];
  switch (field.type) {
    case 'money':
    case 'number':
    case 'integer':
    case 'percent':
    case 'date':
    case 'datetime':
      return [
        { op: 'eq', label: '=' },
        { op: 'gte', label: '≥' },
        { op: 'lte', label: '≤' },
        { op: 'gt', label: '>' },
        { op: 'lt', label: '<' },
        set,
      ];
    case 'enum':
    case 'boolean':
    case 'reference':
    case 'user':
      return [{ op: 'eq', label: 'is' }, { op: 'ne', label: 'is not' }, set];
    case 'multiEnum':
      return [{ op: 'contains', label: 'includes' }, set];
    case 'text':
    case 'longText':
    case 'email':
    case 'phone':
    case 'url':
      return [{ op: 'contains', label: 'contains' }, { op: 'eq', label: 'is' }, set];
    default:
      throw new Error(`unknown field type ${(field satisfies never as { type: string }).type}`);
  }
}
