// The settings row of a field: the limits, default and hint its type takes (see field-settings).
import type { FieldDefinition } from '@crm/definitions';
import { fieldSettings, readSetting, writeSetting, type SettingSpec } from './field-settings';

function inputType(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return 'number';
    case 'date':
      return 'date';
    case 'text':
    case 'currencies':
    case 'option':
    case 'boolean':
      return 'text';
    default:
      throw new Error(`Unknown setting kind: ${String(spec.kind)}`);
  }
}

export function FieldSettingsEditor({
  field,
  onChange,
}: {
  field: FieldDefinition;
  onChange(next: FieldDefinition): void;
}) {
  const options = field.type === 'enum' ? field.options : [];
  return (
    <div className="row gap wrap" role="group" aria-label={`Settings of ${field.label}`}>
      {fieldSettings(field.type).map((spec) => {
        const value = readSetting(field, spec);
        const label = `${spec.label} of ${field.key}`;
        if (spec.kind === 'boolean')
          return (
            <label key={spec.prop} className="check">
              <input
                type="checkbox"
                aria-label={label}
                checked={value === true}
                onChange={(e) => onChange(writeSetting(field, spec, e.target.checked))}
              />
              {spec.label}
            </label>
          );
        if (spec.kind === 'option')
          return (
            <label key={spec.prop} className="field">
              <span>{spec.label}</span>
              <select
                className="input input-sm"
                aria-label={label}
                value={String(value)}
                onChange={(e) => onChange(writeSetting(field, spec, e.target.value))}
              >
                <option value="">—</option>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          );
        if (spec.kind === 'currencies')
          // A list is typed with separators, so it is read when the input is left.
          return (
            <label key={`${spec.prop}:${String(value)}`} className="field">
              <span>{spec.label}</span>
              <input
                className="input input-sm"
                aria-label={label}
                placeholder="any, e.g. EUR, USD"
                defaultValue={String(value)}
                onBlur={(e) => onChange(writeSetting(field, spec, e.target.value))}
              />
            </label>
          );
        return (
          <label key={spec.prop} className="field">
            <span>{spec.label}</span>
            <input
              className="input input-sm"
              aria-label={label}
              type={inputType(spec)}
              value={String(value)}
              onChange={(e) => onChange(writeSetting(field, spec, e.target.value))}
            />
          </label>
        );
      })}
    </div>
  );
}
