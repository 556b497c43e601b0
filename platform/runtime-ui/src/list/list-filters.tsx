// The filter bar of a list: pick any field of the entity, an operator for its type, a value.
import { useState } from 'react';
import type { EntityDefinition, FilterOp, ViewFilter } from '@crm/definitions';
import { optionLabel } from '../shared/format';
import { operatorsFor } from './list-query';

export function ListFilters({
  entity,
  stages,
  filters,
  onChange,
}: {
  entity: EntityDefinition;
  stages: { id: string; label: string }[];
  filters: ViewFilter[];
  onChange(next: ViewFilter[]): void;
}) {
  const [field, setField] = useState(entity.fields[0]?.key ?? '');
  const definition = entity.fields.find((f) => f.key === field);
  const operators = operatorsFor(definition);
  const [op, setOp] = useState(operators[0]?.op ?? 'eq');
  const [value, setValue] = useState('');
  const effectiveOp = operators.some((o) => o.op === op) ? op : (operators[0]?.op ?? 'eq');
  const options =
    field === 'stage'
      ? stages.map((s) => ({ value: s.id, label: s.label }))
      : definition?.type === 'enum' || definition?.type === 'multiEnum'
        ? definition.options.map((o) => ({ value: o.value, label: o.label }))
        : definition?.type === 'boolean' || effectiveOp === 'isSet'
          ? [
              { value: 'true', label: 'Yes' },
              { value: 'false', label: 'No' },
            ]
          : undefined;
  const inputType =
    definition?.type === 'date'
      ? 'date'
      : ['money', 'number', 'integer', 'percent'].includes(definition?.type ?? '')
        ? 'number'
        : 'text';
  const labelOf = (f: ViewFilter) => {
    if (f.field === 'stage')
      return `Stage ${f.op === 'ne' ? 'is not' : 'is'} ${stages.find((s) => s.id === f.value)?.label ?? f.value}`;
    const def = entity.fields.find((x) => x.key === f.field);
    const opLabel = operatorsFor(def).find((o) => o.op === f.op)?.label ?? f.op;
    return `${def?.label ?? f.field} ${opLabel} ${optionLabel(def, f.value)}`;
  };
  const add = () => {
    if (value === '') return;
    onChange([
      ...filters.filter((f) => !(f.field === field && f.op === effectiveOp)),
      { field, op: effectiveOp, value },
    ]);
    setValue('');
  };
  return (
    <div className="filters">
      <form
        className="filter-form"
        aria-label="Add a filter"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <select
          className="input input-sm"
          aria-label="Filter field"
          value={field}
          onChange={(e) => setField(e.target.value)}
        >
          {stages.length > 0 && <option value="stage">Stage</option>}
          {entity.fields.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
        <select
          className="input input-sm"
          aria-label="Filter operator"
          value={effectiveOp}
          onChange={(e) => setOp(e.target.value as FilterOp)}
        >
          {(field === 'stage' ? operatorsFor(undefined) : operators).map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
        {options ? (
          <select
            className="input input-sm"
            aria-label="Filter value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          >
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            className="input input-sm"
            aria-label="Filter value"
            type={inputType}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        <button type="submit" className="btn btn-secondary btn-sm" disabled={value === ''}>
          Add filter
        </button>
      </form>
      {filters.length > 0 && (
        <div className="chips" aria-label="Active filters">
          {filters.map((f) => (
            <span className="chip" key={`${f.field}-${f.op}`}>
              {labelOf(f)}
              <button
                type="button"
                aria-label={`Remove filter ${labelOf(f)}`}
                onClick={() => onChange(filters.filter((x) => x !== f))}
              >
                ×
              </button>
            </span>
          ))}
          <button type="button" className="btn btn-xs" onClick={() => onChange([])}>
            Clear all
          </button>
        </div>
      )}
    </div>
  );
}
