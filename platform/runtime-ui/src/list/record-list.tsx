// The list of one entity's records: columns from its form (or chosen), filters on any field, sort by
// a column header, full-text search, saved views, and keyset paging ("Load more" follows the cursor).
import { useEffect, useMemo, useState } from 'react';
import type { EntityDefinition, FieldDefinition, RecordView } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { entityOf, formOf, pluralOf, useWorkspace, type Workspace } from '../shared/definitions';
import { formatValue, titleOf } from '../shared/format';
import { useReferenceTitles } from '../shared/reference-titles';
import { useUsers } from '../shared/users';
import { recordHref } from '../shared/route';
import { orderedStages, processOf } from '../record/process-view';
import { ColumnPicker } from './column-picker';
import { ListFilters } from './list-filters';
import { toParams, type ListState } from './list-query';
import { SavedViews } from './saved-views';

const DEFAULT_COLUMNS = 6;

/** The chosen columns; by default the title field first, then the form's first fields, in form order. */
function columnsOf(ws: Workspace, entity: EntityDefinition, chosen?: string[]): FieldDefinition[] {
  if (chosen) {
    const fields = chosen
      .map((key) => entity.fields.find((f) => f.key === key))
      .filter((f): f is FieldDefinition => f !== undefined);
    // A view saved before its fields were removed from the entity falls back to the defaults.
    if (fields.length > 0) return fields;
  }
  const form = formOf(ws, entity.key);
  const keys = [
    ...(entity.titleField ? [entity.titleField] : []),
    ...(form?.sections.flatMap((s) => s.fields.map((f) => f.field)) ?? entity.fields.map((f) => f.key)),
  ];
  const unique = [...new Set(keys)];
  return unique
    .map((key) => entity.fields.find((f) => f.key === key))
    .filter((f): f is FieldDefinition => f !== undefined && f.type !== 'longText')
    .slice(0, DEFAULT_COLUMNS);
}

export function RecordList({ entityKey }: { entityKey: string }) {
  const ws = useWorkspace();
  const entity = entityOf(ws, entityKey);
  const process = processOf(ws.processes, entityKey);
  const stages = useMemo(
    () => (process ? orderedStages(process).map((n) => ({ id: n.id, label: n.label })) : []),
    [process],
  );
  const [state, setState] = useState<ListState>({ filters: [], q: '' });
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<RecordView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titles = useReferenceTitles(entity, items);
  const { nameOf } = useUsers();

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    api.list(entityKey, toParams(state)).then(
      (page) => {
        if (cancelled) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(
          e instanceof ApiError && e.errors.length
            ? e.errors.map((x) => x.message).join(' ')
            : errorMessage(e),
        );
        setItems([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [entityKey, state]);

  if (!entity) return <div className="empty">No published entity “{entityKey}”.</div>;
  const columns = columnsOf(ws, entity, state.columns);

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.list(entityKey, toParams(state, cursor));
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  const sortBy = (key: string) =>
    setState((s) => ({ ...s, sort: s.sort === key ? `-${key}` : s.sort === `-${key}` ? undefined : key }));
  const sortState = (key: string) =>
    state.sort === key ? 'ascending' : state.sort === `-${key}` ? 'descending' : 'none';
  const cell = (record: RecordView, field: FieldDefinition) => {
    const value = record.data[field.key];
    if (field.type === 'reference' && typeof value === 'string')
      return titles[`${field.entity}/${value}`] ?? '…';
    if (field.type === 'user' && typeof value === 'string') return nameOf(value);
    return formatValue(field, value);
  };
  const header = (key: string, label: string) => (
    <th key={key} aria-sort={sortState(key)}>
      <button type="button" className="sort-btn" onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden className="sort-mark">
          {sortState(key) === 'ascending' ? '▲' : sortState(key) === 'descending' ? '▼' : ''}
        </span>
      </button>
    </th>
  );

  return (
    <section className="page" data-testid="record-list">
      <div className="page-head">
        <h1>{pluralOf(entity)}</h1>
        <form
          className="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setState((s) => ({ ...s, q: search }));
          }}
        >
          <input
            className="input"
            type="search"
            aria-label={`Search ${pluralOf(entity)}`}
            placeholder="Search…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary">
            Search
          </button>
        </form>
      </div>
      <div className="list-tools">
        <SavedViews
          entityKey={entityKey}
          state={state}
          onApply={(next) => {
            setState(next);
            setSearch(next.q);
          }}
        />
        <ColumnPicker
          entity={entity}
          shown={columns}
          onChange={(keys) => setState((s) => ({ ...s, columns: keys }))}
        />
      </div>
      <ListFilters
        entity={entity}
        stages={stages}
        filters={state.filters}
        onChange={(filters) => setState((s) => ({ ...s, filters }))}
      />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="table-wrap">
        <table className="table data-table">
          <thead>
            <tr>
              {columns.map((c) => header(c.key, c.label))}
              {process && header('stage', 'Stage')}
              {header('updatedAt', 'Updated')}
            </tr>
          </thead>
          <tbody>
            {items.map((record) => (
              <tr key={record.id}>
                {columns.map((c, i) => (
                  <td key={c.key}>
                    {i === 0 ? (
                      <a href={recordHref(entityKey, record.id)}>
                        {cell(record, c) || titleOf(entity, record)}
                      </a>
                    ) : (
                      cell(record, c)
                    )}
                  </td>
                ))}
                {process && (
                  <td>
                    <span className="stage-pill">
                      {stages.find((s) => s.id === record.stage)?.label ?? record.stage ?? ''}
                    </span>
                  </td>
                )}
                <td className="muted">{new Date(record.updatedAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && items.length === 0 && !error && (
          <div className="empty">No {pluralOf(entity).toLowerCase()} match.</div>
        )}
      </div>
      <div className="list-foot">
        <span className="muted small">
          {items.length} shown{cursor ? ', more available' : ''}
        </span>
        {cursor && (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={loading}
            onClick={() => void loadMore()}
          >
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </section>
  );
}
