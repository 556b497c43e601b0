// Forms: pick a form (or start one for an entity) and edit it.
import { useState, type FormEvent } from 'react';
import type { FormDefinition } from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { FormEditor } from './form-editor';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** A new form for an entity: one section with the entity's first fields. */
export function newForm(
  key: string,
  entity: { key: string; label: string; fields: { key: string }[] },
): FormDefinition {
  return {
    key,
    label: entity.label,
    entity: entity.key,
    sections: [
      {
        id: 'main',
        label: entity.label,
        columns: 2,
        fields: entity.fields.slice(0, 6).map((f) => ({ field: f.key })),
      },
    ],
  };
}

export function FormDesigner({
  workspace,
  selectedKey,
  onSaved,
}: {
  workspace: Workspace;
  selectedKey?: string;
  onSaved(): Promise<void>;
}) {
  const [created, setCreated] = useState<FormDefinition | null>(null);
  const [entityKey, setEntityKey] = useState(workspace.entities[0]?.key ?? '');
  const [error, setError] = useState<string | null>(null);
  const form =
    workspace.forms.find((f) => f.key === selectedKey) ??
    (created && created.key === selectedKey ? created : undefined) ??
    (selectedKey ? undefined : workspace.forms[0]);
  const create = (e: FormEvent) => {
    e.preventDefault();
    const entity = workspace.entities.find((x) => x.key === entityKey);
    if (!entity) return setError('Choose an entity.');
    let key = `${entity.key}_form`;
    for (let n = 2; workspace.forms.some((f) => f.key === key); n += 1) key = `${entity.key}_form_${n}`;
    if (!KEY.test(key)) return setError(`"${key}" is not a valid technical name.`);
    setError(null);
    setCreated(newForm(key, entity));
    window.location.hash = `#/forms/${key}`;
  };
  return (
    <div className="page form-page">
      <div className="page-head">
        <h1>Forms</h1>
        <div className="row gap">
          <select
            className="input"
            aria-label="Form"
            value={form?.key ?? ''}
            onChange={(e) => (window.location.hash = `#/forms/${e.target.value}`)}
          >
            {!form && <option value="">—</option>}
            {[
              ...workspace.forms,
              ...(created && !workspace.forms.some((f) => f.key === created.key) ? [created] : []),
            ].map((f) => (
              <option key={f.key} value={f.key}>
                {f.label} ({f.entity}){workspace.drafted.form.has(f.key) ? ' · draft' : ''}
              </option>
            ))}
          </select>
          <form className="row gap" onSubmit={create}>
            <select
              className="input"
              aria-label="New form entity"
              value={entityKey}
              onChange={(e) => setEntityKey(e.target.value)}
            >
              {workspace.entities.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.label}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn-secondary">
              New form
            </button>
          </form>
        </div>
      </div>
      {error && <div className="banner banner-error">{error}</div>}
      {form ? (
        <FormEditor initial={form} workspace={workspace} onSaved={onSaved} />
      ) : (
        <p className="muted">No form "{selectedKey}". Choose one above or start a new one.</p>
      )}
    </div>
  );
}
