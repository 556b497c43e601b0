// The view bar above a list: pick one of my saved views or one shared with the team, save the
// current filters, sort, search and columns as a view, update or delete my own.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedView } from '@crm/definitions';
import { collaborationApi } from '../api/collaboration-api';
import { ApiError, errorMessage } from '../api/client';
import { toViewQuery, type ListState } from './list-query';

interface Props {
  entityKey: string;
  state: ListState;
  onApply(state: ListState): void;
}

function problemFor(e: unknown, field: string): string | undefined {
  return e instanceof ApiError ? e.errors.find((x) => x.field === field)?.message : undefined;
}

export function SavedViews({ entityKey, state, onApply }: Props) {
  const [views, setViews] = useState<SavedView[]>([]);
  const [activeId, setActiveId] = useState('');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);

  const load = useCallback(
    () =>
      collaborationApi.views(entityKey).then(
        (r) => setViews(r.items),
        (e: unknown) => setError(errorMessage(e)),
      ),
    [entityKey],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (saving) nameRef.current?.focus();
  }, [saving]);

  const active = views.find((v) => v.id === activeId);
  const mine = views.filter((v) => v.mine);
  const others = views.filter((v) => !v.mine);

  const pick = (id: string) => {
    setActiveId(id);
    setError(null);
    const view = views.find((v) => v.id === id);
    onApply(
      view
        ? {
            filters: view.query.filters,
            q: view.query.q ?? '',
            ...(view.query.sort ? { sort: view.query.sort } : {}),
            ...(view.query.columns ? { columns: view.query.columns } : {}),
          }
        : { filters: [], q: '' },
    );
    setStatus(view ? `View “${view.name}” applied.` : 'Showing all records.');
  };

  const save = async () => {
    setNameError(null);
    setError(null);
    try {
      const view = await collaborationApi.createView({
        entity: entityKey,
        name,
        shared,
        query: toViewQuery(state),
      });
      await load();
      setActiveId(view.id);
      setSaving(false);
      setName('');
      setShared(false);
      setStatus(`Saved view “${view.name}”.`);
    } catch (e) {
      const field = problemFor(e, 'name');
      if (field) setNameError(field);
      else
        setError(
          e instanceof ApiError && e.errors.length
            ? e.errors.map((x) => x.message).join(' ')
            : errorMessage(e),
        );
    }
  };

  const update = async (view: SavedView) => {
    try {
      await collaborationApi.updateView(view.id, { query: toViewQuery(state) });
      await load();
      setStatus(`Updated view “${view.name}”.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const remove = async (view: SavedView) => {
    try {
      await collaborationApi.deleteView(view.id);
      setActiveId('');
      await load();
      setStatus(`Deleted view “${view.name}”.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="views-bar" data-testid="saved-views">
      <label className="views-pick">
        <span>View</span>
        <select className="input input-sm" value={activeId} onChange={(e) => pick(e.target.value)}>
          <option value="">All records</option>
          {mine.length > 0 && (
            <optgroup label="My views">
              {mine.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                  {v.shared ? ' (shared)' : ''}
                </option>
              ))}
            </optgroup>
          )}
          {others.length > 0 && (
            <optgroup label="Shared with the team">
              {others.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} · {v.owner.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {active?.mine && (
        <>
          <button type="button" className="btn btn-xs" onClick={() => void update(active)}>
            Update view
          </button>
          <button type="button" className="btn btn-xs" onClick={() => void remove(active)}>
            Delete view
          </button>
        </>
      )}
      {!saving ? (
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => setSaving(true)}>
          Save as view…
        </button>
      ) : (
        <form
          className="views-save"
          aria-label="Save the current list as a view"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSaving(false);
          }}
        >
          <label className="views-name">
            <span className="visually-hidden">View name</span>
            <input
              ref={nameRef}
              className="input input-sm"
              placeholder="View name"
              maxLength={100}
              value={name}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'view-name-error' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share
            with the team
          </label>
          <button type="submit" className="btn btn-primary btn-sm" disabled={name.trim() === ''}>
            Save view
          </button>
          <button type="button" className="btn btn-xs" onClick={() => setSaving(false)}>
            Cancel
          </button>
          {nameError && (
            <span id="view-name-error" className="form-error" role="alert">
              {nameError}
            </span>
          )}
        </form>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
      <span className="visually-hidden" role="status">
        {status}
      </span>
    </div>
  );
}
