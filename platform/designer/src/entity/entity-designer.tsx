// Entities: an overview diagram, and an editor for an entity's fields (every type, enum options,
// references, unique/indexed), validated live with the shared rules, saved as a draft and published.
import { useEffect, useMemo, useState } from 'react';
import { validateDefinition, type EntityDefinition, type FieldDefinition } from '@crm/definitions';
import { api } from '../api/definitions-api';
import { ApiError, errorMessage } from '@crm/runtime-ui/ui';
import { validationContext, type Workspace } from '../shared/workspace';
import { EntityOverview } from './entity-overview';

const TYPES: FieldDefinition['type'][] = [
  'text',
  'longText',
  'number',
  'integer',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'email',
  'phone',
  'url',
  'enum',
  'multiEnum',
  'reference',
  'user',
];

function retype(
  field: FieldDefinition,
  type: FieldDefinition['type'],
  entities: readonly EntityDefinition[],
): FieldDefinition {
  const base = {
    key: field.key,
    label: field.label,
    ...(field.required ? { required: true } : {}),
    ...(field.indexed ? { indexed: true } : {}),
    ...(field.unique ? { unique: true } : {}),
  };
  if (type === 'enum' || type === 'multiEnum')
    return { ...base, type, options: [{ value: 'option_1', label: 'Option 1' }] };
  if (type === 'reference') return { ...base, type, entity: entities[0]?.key ?? '' };
  return { ...base, type } as FieldDefinition;
}

function FieldRow({
  field,
  entities,
  onChange,
  onRemove,
}: {
  field: FieldDefinition;
  entities: readonly EntityDefinition[];
  onChange(f: FieldDefinition): void;
  onRemove(): void;
}) {
  const flag = (name: 'required' | 'unique' | 'indexed', on: boolean) => {
    const copy = { ...field } as FieldDefinition & Record<string, unknown>;
    if (on) copy[name] = true;
    else delete copy[name];
    onChange(copy);
  };
  return (
    <tr data-field={field.key}>
      <td>
        <input
          className="input input-sm"
          aria-label={`Key of ${field.label}`}
          value={field.key}
          onChange={(e) => onChange({ ...field, key: e.target.value })}
        />
      </td>
      <td>
        <input
          className="input input-sm"
          aria-label={`Label of ${field.key}`}
          value={field.label}
          onChange={(e) => onChange({ ...field, label: e.target.value })}
        />
      </td>
      <td>
        <select
          className="input input-sm"
          aria-label={`Type of ${field.key}`}
          value={field.type}
          onChange={(e) => onChange(retype(field, e.target.value as FieldDefinition['type'], entities))}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {(field.type === 'enum' || field.type === 'multiEnum') && (
          <input
            className="input input-sm"
            aria-label={`Options of ${field.key}`}
            title="value:Label, value:Label"
            defaultValue={field.options.map((o) => `${o.value}:${o.label}`).join(', ')}
            onBlur={(e) =>
              onChange({
                ...field,
                options: e.target.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
                  .map((s) => {
                    const [value = '', label] = s.split(':');
                    return { value: value.trim(), label: (label ?? value).trim() };
                  }),
              })
            }
          />
        )}
        {field.type === 'reference' && (
          <select
            className="input input-sm"
            aria-label={`Entity of ${field.key}`}
            value={field.entity}
            onChange={(e) => onChange({ ...field, entity: e.target.value })}
          >
            {entities.map((e) => (
              <option key={e.key} value={e.key}>
                {e.label}
              </option>
            ))}
          </select>
        )}
      </td>
      <td className="center">
        <input
          type="checkbox"
          aria-label={`${field.key} required`}
          checked={field.required === true}
          onChange={(e) => flag('required', e.target.checked)}
        />
      </td>
      <td className="center">
        <input
          type="checkbox"
          aria-label={`${field.key} unique`}
          checked={field.unique === true}
          onChange={(e) => flag('unique', e.target.checked)}
        />
      </td>
      <td className="center">
        <input
          type="checkbox"
          aria-label={`${field.key} indexed`}
          checked={field.indexed === true}
          onChange={(e) => flag('indexed', e.target.checked)}
        />
      </td>
      <td>
        <button type="button" className="icon-btn" aria-label={`Remove ${field.key}`} onClick={onRemove}>
          ×
        </button>
      </td>
    </tr>
  );
}

function EntityEditor({
  initial,
  workspace,
  onSaved,
}: {
  initial: EntityDefinition;
  workspace: Workspace;
  onSaved(): Promise<void>;
}) {
  const [entity, setEntity] = useState(initial);
  const [note, setNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => setEntity(initial), [initial]);
  const errors = useMemo(
    () => validateDefinition('entity', entity, validationContext(workspace)),
    [entity, workspace],
  );
  const save = async () => {
    try {
      await api.saveDraft('entity', entity.key, entity);
      setNote({ tone: 'ok', text: 'Draft saved.' });
      await onSaved();
      return true;
    } catch (e) {
      setNote({ tone: 'error', text: errorMessage(e) });
      return false;
    }
  };
  const publish = async () => {
    if (!(await save())) return;
    try {
      const r = await api.publish([{ kind: 'entity', key: entity.key }]);
      setNote({ tone: 'ok', text: `Published version ${r.items[0]?.version ?? ''}.` });
      await onSaved();
    } catch (e) {
      const details = e instanceof ApiError ? e.errors.map((x) => x.message).join(' ') : '';
      setNote({ tone: 'error', text: `${errorMessage(e)} ${details}` });
    }
  };
  return (
    <div className="card entity-editor" data-testid="entity-editor">
      <div className="page-head">
        <h2>
          {entity.label} <code>{entity.key}</code>
        </h2>
        <div className="row gap">
          <button type="button" className="btn btn-secondary" onClick={() => void save()}>
            Save draft
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={errors.length > 0}
            onClick={() => void publish()}
          >
            Publish
          </button>
        </div>
      </div>
      {note && (
        <div className={`banner ${note.tone === 'ok' ? 'banner-ok' : 'banner-error'}`}>{note.text}</div>
      )}
      <div className="row gap wrap">
        <label className="field">
          <span>Name</span>
          <input
            className="input"
            value={entity.label}
            onChange={(e) => setEntity({ ...entity, label: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Plural</span>
          <input
            className="input"
            value={entity.pluralLabel}
            onChange={(e) => setEntity({ ...entity, pluralLabel: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Title field</span>
          <select
            className="input"
            value={entity.titleField ?? ''}
            onChange={(e) => setEntity({ ...entity, titleField: e.target.value })}
          >
            <option value="">—</option>
            {entity.fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Key</th>
            <th>Label</th>
            <th>Type</th>
            <th>Required</th>
            <th>Unique</th>
            <th>Indexed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entity.fields.map((f, i) => (
            <FieldRow
              key={i}
              field={f}
              entities={workspace.entities}
              onChange={(nf) =>
                setEntity({ ...entity, fields: entity.fields.map((x, j) => (j === i ? nf : x)) })
              }
              onRemove={() => setEntity({ ...entity, fields: entity.fields.filter((_, j) => j !== i) })}
            />
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() =>
          setEntity({
            ...entity,
            fields: [
              ...entity.fields,
              {
                key: `field_${entity.fields.length + 1}`,
                label: `Field ${entity.fields.length + 1}`,
                type: 'text',
              },
            ],
          })
        }
      >
        + Field
      </button>
      {(entity.fieldGroups?.length ?? 0) > 0 && (
        <p className="muted small">
          {entity.fieldGroups?.length} segment-dependent field group(s) are kept as defined.
        </p>
      )}
      {errors.length > 0 && (
        <ul className="problems">
          {errors.map((e, i) => (
            <li key={i} className="problem-static">
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function EntityDesigner({
  workspace,
  selectedKey,
  onSaved,
}: {
  workspace: Workspace;
  selectedKey?: string;
  onSaved(): Promise<void>;
}) {
  const [newKey, setNewKey] = useState('');
  const [created, setCreated] = useState<EntityDefinition | null>(null);
  const selected =
    workspace.entities.find((e) => e.key === selectedKey) ??
    (created?.key === selectedKey ? created : undefined);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Entities</h1>
        <form
          className="row gap"
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^[a-z][a-z0-9_]{0,62}$/.test(newKey)) return;
            const label = newKey.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
            setCreated({
              key: newKey,
              label,
              pluralLabel: `${label}s`,
              titleField: 'name',
              fields: [{ key: 'name', label: 'Name', type: 'text', required: true }],
            });
            window.location.hash = `#/entities/${newKey}`;
          }}
        >
          <input
            className="input"
            aria-label="New entity key"
            placeholder="new_entity_key"
            value={newKey}
            onChange={(e) => setNewKey(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary">
            New entity
          </button>
        </form>
      </div>
      <EntityOverview
        entities={workspace.entities}
        onPick={(key) => {
          window.location.hash = `#/entities/${key}`;
        }}
      />
      {selected && <EntityEditor initial={selected} workspace={workspace} onSaved={onSaved} />}
    </div>
  );
}
