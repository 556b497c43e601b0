// The record's form, rendered by the shared renderer with the stage's required/locked overlay.
// Saving sends only the changed fields with the version read (optimistic concurrency): a conflict
// offers to reload while keeping what was typed; field errors appear next to their fields.
import { useEffect, useState } from 'react';
import type { EntityDefinition, FormDefinition, ProblemEntry } from '@crm/definitions';
import { api, type RecordView } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { FormRenderer, type ChoiceOption } from '../forms';
import { userChoices, useUsers } from '../shared/users';

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function RecordForm(props: {
  entity: EntityDefinition;
  form: FormDefinition;
  record: RecordView;
  related: Record<string, Record<string, unknown>>;
  choices: Record<string, ChoiceOption[]>;
  readOnly: boolean;
  onSaved(record: RecordView): void;
  onReload(): Promise<RecordView | null>;
  onDraftChange?(draft: Record<string, unknown>): void;
  /** The stage the engine reports; the record's own lags behind while the stage mirror catches up. */
  stage?: string | null;
  /** The engine has moved the record but its stage mirror has not written it yet: saving waits. */
  syncing?: boolean;
}) {
  const { entity, record } = props;
  const stage = props.stage ?? record.stage;
  const [draft, setDraft] = useState<Record<string, unknown>>(record.data);
  const [base, setBase] = useState<RecordView>(record);
  const [errors, setErrors] = useState<ProblemEntry[]>([]);
  const [banner, setBanner] = useState<{ kind: 'error' | 'ok' | 'conflict'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = changedKeys(base.data, draft);
  const { users } = useUsers();

  // A newer version from elsewhere (a stage move, a reload) is taken in; typed changes stay on top.
  useEffect(() => {
    if (record.version === base.version) return;
    setDraft((current) => {
      const mine = changedKeys(base.data, current);
      const next = { ...record.data };
      for (const key of mine)
        if (key in current) next[key] = current[key];
        else delete next[key];
      return next;
    });
    setBase(record);
  }, [record, base]);

  const update = (next: Record<string, unknown>) => {
    setDraft(next);
    props.onDraftChange?.(next);
  };

  const save = async () => {
    // Saving now would send the version from before the move's mirror and be refused as a conflict.
    if (props.syncing) return;
    setSaving(true);
    setBanner(null);
    const data: Record<string, unknown> = {};
    for (const key of dirty) data[key] = key in draft ? draft[key] : null;
    try {
      const saved = await api.update(entity.key, record.id, data, base.version);
      setErrors([]);
      setBase(saved);
      setDraft(saved.data);
      setBanner({ kind: 'ok', text: 'Saved.' });
      props.onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 412))
        setBanner({ kind: 'conflict', text: 'Someone changed this record since you opened it.' });
      else {
        setErrors(e instanceof ApiError ? [...e.errors] : []);
        setBanner({ kind: 'error', text: errorMessage(e) });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="card record-form"
      aria-label={`${entity.label} details`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormRenderer
        form={props.form}
        entity={entity}
        value={draft}
        onChange={update}
        related={props.related}
        errors={errors}
        readOnly={props.readOnly}
        choices={{ ...userChoices(entity, users), ...props.choices }}
        {...(stage ? { stage } : {})}
      />
      {banner && (
        <div
          className={`banner ${banner.kind === 'ok' ? 'banner-ok' : 'banner-error'}`}
          role={banner.kind === 'ok' ? 'status' : 'alert'}
        >
          {banner.text}
          {banner.kind === 'conflict' && (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => void props.onReload().then(() => setBanner(null))}
            >
              Reload (keep my changes)
            </button>
          )}
        </div>
      )}
      {!props.readOnly && (
        <div className="form-actions">
          <span className="muted small">
            {props.syncing
              ? 'Recording the stage change…'
              : dirty.length > 0
                ? `${dirty.length} unsaved change${dirty.length > 1 ? 's' : ''}`
                : 'No changes'}
          </span>
          <button
            type="button"
            className="btn btn-ghost"
            disabled={dirty.length === 0 || saving}
            onClick={() => update(base.data)}
          >
            Discard
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={dirty.length === 0 || saving || props.syncing === true}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      )}
    </form>
  );
}
