// The dialog shown when publishing an entity would remove or retype fields that hold data: how
// many records are affected, and per field whether to clear the stored values, move a removed
// field's values to a new field, or keep the field.
import { useEffect, useRef, useState } from 'react';
import {
  incompleteChoice,
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
  // The field each target select shows, kept while another option is chosen.
  const [targets, setTargets] = useState<Record<string, string>>({});
  const total = totalRecords(fields);
  const incomplete = incompleteChoice(fields, choices);
  // Missing choices only disable the button; a conflict between choices needs saying.
  const conflict = incomplete && fields.every((f) => choices[f.field] !== undefined) ? incomplete : null;
  const moveTo = (f: AffectedField, target: string) => {
    setTargets({ ...targets, [f.field]: target });
    setChoices({ ...choices, [f.field]: { moveTo: target } });
  };
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
                    {f.targets.length > 0 && (
                      <MoveOption
                        field={f}
                        target={targets[f.field] ?? f.targets[0]?.key ?? ''}
                        chosen={typeof choices[f.field] === 'object'}
                        onChoose={(target) => moveTo(f, target)}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {conflict && (
          <p className="form-error" role="alert" data-testid="migration-conflict">
            {conflict.message}
          </p>
        )}
        <p className="muted small">
          Cleared values cannot be recovered. Values move only from a removed field to a field this version
          adds, of the same type; converting values to another type is not offered yet.
        </p>
        <div className="row gap end">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={incomplete !== null}
            onClick={() => onConfirm(choices)}
          >
            Publish with this migration
          </button>
        </div>
      </div>
    </div>
  );
}

/** The third option for a removed field: its values go to a field the draft adds. */
function MoveOption({
  field,
  target,
  chosen,
  onChoose,
}: {
  field: AffectedField;
  target: string;
  chosen: boolean;
  onChoose(target: string): void;
}) {
  return (
    <div className="check">
      <label className="check nowrap">
        <input
          type="radio"
          name={`migration-${field.field}`}
          checked={chosen}
          onChange={() => onChoose(target)}
        />
        Move the values to
      </label>
      <select
        className="input input-sm"
        aria-label={`Field to move ${field.field} to`}
        value={target}
        onChange={(e) => onChoose(e.target.value)}
      >
        {field.targets.map((t) => (
          <option key={t.key} value={t.key}>
            {t.caption}
          </option>
        ))}
      </select>
    </div>
  );
}
