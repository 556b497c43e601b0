// One row of the entity's field table: key, label, type (with enum options or the referenced
// entity), required/unique/indexed flags, and the field group it belongs to.
import { useState } from 'react';
import type { EntityDefinition, FieldDefinition } from '@crm/definitions';
import { FieldSettingsEditor } from './field-settings-editor';
import { FIELD_TYPES } from './field-settings';

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

export function FieldRow({
  field,
  entities,
  group,
  onChange,
  onRename,
  onRemove,
}: {
  field: FieldDefinition;
  entities: readonly EntityDefinition[];
  /** The label of the field group the field belongs to, if any. */
  group: string | undefined;
  onChange(f: FieldDefinition): void;
  onRename(key: string): void;
  onRemove(): void;
}) {
  const flag = (name: 'required' | 'unique' | 'indexed', on: boolean) => {
    const copy = { ...field } as FieldDefinition & Record<string, unknown>;
    if (on) copy[name] = true;
    else delete copy[name];
    onChange(copy);
  };
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr data-field={field.key}>
        <td>
          <input
            className="input input-sm"
            aria-label={`Key of ${field.label}`}
            value={field.key}
            onChange={(e) => onRename(e.target.value)}
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
            {FIELD_TYPES.map((t) => (
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
        <td className="small">
          {group ? <span className="chip chip-static">{group}</span> : <span className="muted">—</span>}
        </td>
        <td className="nowrap">
          <button
            type="button"
            className="icon-btn"
            aria-label={`Settings of ${field.key}`}
            aria-expanded={open}
            title="Limits, default, hint"
            onClick={() => setOpen(!open)}
          >
            ⋯
          </button>
          <button type="button" className="icon-btn" aria-label={`Remove ${field.key}`} onClick={onRemove}>
            ×
          </button>
        </td>
      </tr>
      {open && (
        <tr className="field-settings-row">
          <td colSpan={8}>
            <FieldSettingsEditor field={field} onChange={onChange} />
          </td>
        </tr>
      )}
    </>
  );
}
