// Which fields a list shows as columns: a disclosure with one checkbox per field, in entity order.
import type { EntityDefinition, FieldDefinition } from '@crm/definitions';

export const MAX_COLUMNS = 8;

export function ColumnPicker({
  entity,
  shown,
  onChange,
}: {
  entity: EntityDefinition;
  shown: FieldDefinition[];
  onChange(keys: string[]): void;
}) {
  const candidates = entity.fields.filter((f) => f.type !== 'longText');
  const keys = shown.map((f) => f.key);
  const toggle = (key: string, on: boolean) => {
    // Kept in entity order, so toggling never reshuffles the columns already shown.
    const next = candidates.map((f) => f.key).filter((k) => (k === key ? on : keys.includes(k)));
    if (next.length > 0) onChange(next);
  };
  return (
    <details className="column-picker">
      <summary className="btn btn-xs">Columns ({keys.length})</summary>
      <fieldset>
        <legend className="visually-hidden">Columns to show</legend>
        {candidates.map((f) => {
          const on = keys.includes(f.key);
          return (
            <label key={f.key} className="check">
              <input
                type="checkbox"
                checked={on}
                disabled={(!on && keys.length >= MAX_COLUMNS) || (on && keys.length === 1)}
                onChange={(e) => toggle(f.key, e.target.checked)}
              />{' '}
              {f.label}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
