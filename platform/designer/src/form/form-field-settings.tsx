// The settings of one field placed on a form: how many columns it spans, a label and hint for
// this form only, and its own show/hide/require/lock rules.
import type { EntityDefinition, FormField } from '@crm/definitions';
import { RulesEditor } from './form-rules-editor';

/** The placed field with the property set, or without it when the value is empty. */
/** What a form may say differently from the field's definition (empty: the definition's text). */
const TEXT_OVERRIDES = [
  { prop: 'label', label: 'Label on this form' },
  { prop: 'helpText', label: 'Hint on this form' },
] as const;

function withProp(
  field: FormField,
  key: 'label' | 'helpText' | 'span',
  value: string | number | undefined,
): FormField {
  const next: FormField = { ...field };
  if (value === '' || value === undefined) delete next[key];
  else Object.assign(next, { [key]: value });
  return next;
}

export function FormFieldSettings({
  placed,
  columns,
  entity,
  entities,
  stages,
  onChange,
  onClose,
}: {
  placed: FormField;
  columns: number;
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  stages: { id: string; label: string }[];
  onChange(next: FormField): void;
  onClose(): void;
}) {
  const definition = entity?.fields.find((f) => f.key === placed.field);
  return (
    <div className="field-settings" role="group" aria-label={`Settings of ${placed.field}`}>
      <div className="row gap">
        <strong>{definition?.label ?? placed.field}</strong> <code>{placed.field}</code>
        <span className="grow" />
        <button type="button" className="icon-btn" aria-label="Close field settings" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="row gap wrap">
        {TEXT_OVERRIDES.map(({ prop, label }) => (
          <label key={prop} className="field">
            <span>{label}</span>
            <input
              className="input input-sm"
              placeholder={definition?.[prop] ?? ''}
              value={placed[prop] ?? ''}
              onChange={(e) => onChange(withProp(placed, prop, e.target.value))}
            />
          </label>
        ))}
        <label className="field">
          <span>Width</span>
          <select
            className="input input-sm"
            value={placed.span ?? 1}
            onChange={(e) =>
              onChange(
                withProp(placed, 'span', Number(e.target.value) > 1 ? Number(e.target.value) : undefined),
              )
            }
          >
            {[1, 2, 3, 4]
              .filter((n) => n <= Math.max(columns, placed.span ?? 1))
              .map((n) => (
                <option key={n} value={n}>
                  {n} column{n > 1 ? 's' : ''}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div className="small strong">Rules for this field</div>
      <RulesEditor
        rules={placed.rules ?? []}
        stages={stages}
        ctx={{ entity, entities }}
        onChange={(rules) => {
          const { rules: _r, ...rest } = placed;
          onChange(rules.length > 0 ? { ...rest, rules } : rest);
        }}
      />
    </div>
  );
}
