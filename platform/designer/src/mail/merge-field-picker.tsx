// The merge-field picker: the entity's fields, its related records' fields and the owner, with a
// filter; clicking one inserts {{path}} where the cursor was in the subject or the body.
import { useMemo, useState } from 'react';
import type { EntityDefinition } from '@crm/definitions';
import { filterCatalogue, mergeFieldCatalogue } from './merge-fields';

export function MergeFieldPicker({
  entity,
  entities,
  target,
  onPick,
}: {
  entity: EntityDefinition;
  entities: readonly EntityDefinition[];
  /** Where the field goes ("subject" or "body"): the part that last had the cursor. */
  target: string;
  onPick(path: string): void;
}) {
  const [filter, setFilter] = useState('');
  const catalogue = useMemo(() => mergeFieldCatalogue(entity, entities), [entity, entities]);
  const shown = filterCatalogue(catalogue, filter);
  return (
    <div className="merge-picker" data-testid="merge-fields">
      <div className="row gap">
        <span className="small strong">Insert a merge field into the {target}</span>
        <input
          className="input input-sm"
          aria-label="Filter merge fields"
          placeholder="Filter…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div className="merge-fields">
        {shown.map((group) => (
          <div key={group.key} className="merge-group" role="group" aria-label={group.label}>
            <div className="small muted">{group.label}</div>
            {group.fields.map((f) => (
              <button
                key={f.path}
                type="button"
                title={`{{${f.path}}}`}
                data-path={f.path}
                // Keep the cursor (and selection) of the subject or body while clicking.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onPick(f.path)}
              >
                {f.label}
              </button>
            ))}
          </div>
        ))}
        {shown.length === 0 && <span className="muted small">No field matches.</span>}
      </div>
    </div>
  );
}
