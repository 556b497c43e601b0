// The dialog shown when publishing an entity would remove or retype fields that hold data: how
// many records are affected, and per field whether to clear the stored values or keep the field.
import { useEffect, useRef, useState } from 'react';
import {
  recordCount as records,
  totalRecords,
  type AffectedField,
  type MigrationChoice,
} from './destructive-change';

function describeChange(f: AffectedField): string {
  return f.change === 'removed' ? 'removed' : `type changes from ${f.from} to ${f.to ?? f.from}`;
}

export function MigrationPrompt({
  entityLabel,
  fields,
  onConfirm,
  onCancel,
}: {
  entityLabel: string;
  fields: readonly AffectedField[];
  onConfirm(choices: Record<string, MigrationChoice>): void;
  onCancel(): void;
}) {
  const [choices, setChoices] = useState<Record<string, MigrationChoice>>({});
  const total = totalRecords(fields);
  const complete = fields.every((f) => choices[f.field] !== undefined);
  const dialog = useRef<HTMLDivElement>(null);
  // Keyboard users land in the dialog, and Escape cancels as the Cancel button does.
  useEffect(() => {
    dialog.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="modal card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="migration-title"
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2 id="migration-title">This change affects stored data</h2>
        <p data-testid="affected-total">
          Publishing <strong>{entityLabel}</strong> would affect data in{' '}
          <strong>{total === null ? 'some records' : records(total)}</strong>. Choose what happens to the
          values of each field.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th>Field</th>
              <th>Change</th>
              <th>Records with a value</th>
              <th>What to do</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.field} data-affected={f.field}>
                <td>
                  {f.label} <code>{f.field}</code>
                </td>
                <td>{describeChange(f)}</td>
                <td className="center" data-testid={`affected-${f.field}`}>
                  {f.records ?? '?'}
                </td>
                <td>
                  <div role="radiogroup" aria-label={`Migration of ${f.field}`} className="stack">
                    <label className="check">
                      <input
                        type="radio"
                        name={`migration-${f.field}`}
                        checked={choices[f.field] === 'clear'}
                        onChange={() => setChoices({ ...choices, [f.field]: 'clear' })}
                      />
                      Clear the values in {records(f.records)}
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name={`migration-${f.field}`}
                        checked={choices[f.field] === 'keep'}
                        onChange={() => setChoices({ ...choices, [f.field]: 'keep' })}
                      />
                      Keep the field as published (undo this change)
                    </label>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Cleared values cannot be recovered. Converting or mapping values to another field is not offered
          yet: keep the field, add the new one, and move the values before removing the old field.
        </p>
        <div className="row gap end">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!complete}
            onClick={() => onConfirm(choices)}
          >
            Publish with this migration
          </button>
        </div>
      </div>
    </div>
  );
}
