// Builds a condition of the definition language visually: field, operator, value, and/or groups,
// negation. What it edits is stored as is in the definition (no intermediate model).
import type {
  ComparisonOperator,
  Condition,
  ConditionValue,
  EntityDefinition,
  FieldDefinition,
} from '@crm/definitions';
import { isComparison, resolveFieldPath, toLookup } from '@crm/definitions';

export interface ConditionFieldChoice {
  path: string;
  label: string;
  field?: FieldDefinition;
}

export function conditionFieldChoices(
  entity: EntityDefinition | undefined,
  entities: readonly EntityDefinition[],
  stages: readonly { id: string; label: string }[],
): ConditionFieldChoice[] {
  const choices: ConditionFieldChoice[] = [];
  if (entity) {
    const lookup = toLookup(entities);
    for (const f of entity.fields) {
      choices.push({ path: f.key, label: f.label, field: f });
      if (f.type === 'reference') {
        const target = lookup(f.entity);
        for (const tf of target?.fields ?? [])
          choices.push({ path: `${f.key}.${tf.key}`, label: `${f.label} › ${tf.label}`, field: tf });
      }
    }
  }
  if (stages.length) choices.push({ path: '$stage', label: 'Current stage' });
  choices.push({ path: '$owner', label: 'Owner (user id)' });
  return choices;
}

const OPERATORS: { op: ComparisonOperator; label: string }[] = [
  { op: 'eq', label: 'is' },
  { op: 'ne', label: 'is not' },
  { op: 'gt', label: 'is greater than' },
  { op: 'gte', label: 'is at least' },
  { op: 'lt', label: 'is less than' },
  { op: 'lte', label: 'is at most' },
  { op: 'in', label: 'is one of' },
  { op: 'notIn', label: 'is none of' },
  { op: 'contains', label: 'contains' },
  { op: 'isSet', label: 'has a value' },
  { op: 'isNotSet', label: 'has no value' },
];

const NUMERIC = new Set(['number', 'integer', 'money', 'percent']);

function coerce(raw: string, field: FieldDefinition | undefined): ConditionValue {
  if (field && NUMERIC.has(field.type) && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
  if (field?.type === 'boolean') return raw === 'true';
  return raw;
}

interface Ctx {
  choices: ConditionFieldChoice[];
  stages: readonly { id: string; label: string }[];
}

function ValueInput({
  cond,
  ctx,
  onChange,
}: {
  cond: Extract<Condition, { op: string }>;
  ctx: Ctx;
  onChange(v: ConditionValue): void;
}) {
  const choice = ctx.choices.find((c) => c.path === cond.field);
  const field = choice?.field;
  const list = cond.op === 'in' || cond.op === 'notIn';
  const options =
    cond.field === '$stage'
      ? ctx.stages.map((s) => ({ value: s.id, label: s.label }))
      : field && (field.type === 'enum' || field.type === 'multiEnum')
        ? field.options
        : undefined;
  if (options && list) {
    const selected = Array.isArray(cond.value) ? cond.value : [];
    return (
      <select
        multiple
        className="input input-sm"
        aria-label="Values"
        value={selected.map(String)}
        onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (options)
    return (
      <select
        className="input input-sm"
        aria-label="Value"
        value={typeof cond.value === 'string' ? cond.value : ''}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  if (field?.type === 'boolean')
    return (
      <select
        className="input input-sm"
        aria-label="Value"
        value={String(cond.value === true)}
        onChange={(e) => onChange(e.target.value === 'true')}
      >
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  const text = Array.isArray(cond.value)
    ? cond.value.join(', ')
    : cond.value === undefined || cond.value === null
      ? ''
      : String(cond.value);
  return (
    <input
      className="input input-sm"
      aria-label="Value"
      type={field?.type === 'date' ? 'date' : 'text'}
      value={text}
      placeholder={list ? 'a, b, c' : 'value'}
      onChange={(e) =>
        onChange(
          list
            ? e.target.value.split(',').map((s) => coerce(s.trim(), field) as string)
            : coerce(e.target.value, field),
        )
      }
    />
  );
}

function ComparisonRow({
  cond,
  ctx,
  onChange,
}: {
  cond: Extract<Condition, { op: string }>;
  ctx: Ctx;
  onChange(c: Condition): void;
}) {
  const needsValue = cond.op !== 'isSet' && cond.op !== 'isNotSet';
  const known = ctx.choices.some((c) => c.path === cond.field);
  return (
    <div className="cond-row">
      <select
        className="input input-sm"
        aria-label="Field"
        value={cond.field}
        onChange={(e) =>
          onChange({ field: e.target.value, op: cond.op, ...(needsValue ? { value: '' } : {}) })
        }
      >
        {!known && <option value={cond.field}>{cond.field || 'choose a field'}</option>}
        {ctx.choices.map((c) => (
          <option key={c.path} value={c.path}>
            {c.label}
          </option>
        ))}
      </select>
      <select
        className="input input-sm"
        aria-label="Operator"
        value={cond.op}
        onChange={(e) => {
          const op = e.target.value as ComparisonOperator;
          const { value, ...rest } = cond;
          if (op === 'isSet' || op === 'isNotSet') onChange({ ...rest, op });
          else if (op === 'in' || op === 'notIn')
            onChange({
              ...rest,
              op,
              value: Array.isArray(value)
                ? value
                : value === undefined || value === ''
                  ? []
                  : [value as string],
            });
          else onChange({ ...rest, op, value: Array.isArray(value) ? (value[0] ?? '') : (value ?? '') });
        }}
      >
        {OPERATORS.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {needsValue && <ValueInput cond={cond} ctx={ctx} onChange={(value) => onChange({ ...cond, value })} />}
    </div>
  );
}

function ConditionNode({
  cond,
  ctx,
  onChange,
  onRemove,
  depth,
}: {
  cond: Condition;
  ctx: Ctx;
  onChange(c: Condition): void;
  onRemove(): void;
  depth: number;
}) {
  if (isComparison(cond))
    return (
      <div className="cond-item">
        <ComparisonRow cond={cond} ctx={ctx} onChange={onChange} />
        <button type="button" className="icon-btn" aria-label="Remove condition" onClick={onRemove}>
          ×
        </button>
      </div>
    );
  if ('not' in cond)
    return (
      <div className="cond-group cond-not">
        <div className="cond-group-head">
          <span className="cond-tag">NOT</span>
          <button type="button" className="btn btn-ghost btn-xs" onClick={() => onChange(cond.not)}>
            Remove NOT
          </button>
          <button type="button" className="icon-btn" aria-label="Remove group" onClick={onRemove}>
            ×
          </button>
        </div>
        <ConditionNode
          cond={cond.not}
          ctx={ctx}
          depth={depth + 1}
          onChange={(c) => onChange({ not: c })}
          onRemove={onRemove}
        />
      </div>
    );
  const mode: 'all' | 'any' = 'all' in cond ? 'all' : 'any';
  const items = 'all' in cond ? cond.all : cond.any;
  const set = (next: Condition[]) => onChange(mode === 'all' ? { all: next } : { any: next });
  const firstField = ctx.choices[0]?.path ?? '';
  return (
    <div className={`cond-group cond-depth-${Math.min(depth, 3)}`}>
      <div className="cond-group-head">
        <select
          className="input input-sm"
          aria-label="Combine"
          value={mode}
          onChange={(e) => onChange(e.target.value === 'all' ? { all: items } : { any: items })}
        >
          <option value="all">All of these hold (and)</option>
          <option value="any">Any of these holds (or)</option>
        </select>
        <button type="button" className="btn btn-ghost btn-xs" onClick={() => onChange({ not: cond })}>
          Negate
        </button>
        {depth > 0 && (
          <button type="button" className="icon-btn" aria-label="Remove group" onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      {items.map((item, i) => (
        <ConditionNode
          key={i}
          cond={item}
          ctx={ctx}
          depth={depth + 1}
          onChange={(c) => set(items.map((x, j) => (j === i ? c : x)))}
          onRemove={() => set(items.filter((_, j) => j !== i))}
        />
      ))}
      <div className="cond-actions">
        <button
          type="button"
          className="btn btn-ghost btn-xs"
          onClick={() => set([...items, { field: firstField, op: 'isSet' }])}
        >
          + Condition
        </button>
        <button type="button" className="btn btn-ghost btn-xs" onClick={() => set([...items, { any: [] }])}>
          + Group
        </button>
      </div>
    </div>
  );
}

export interface ConditionBuilderProps {
  value: Condition | undefined;
  onChange(value: Condition | undefined): void;
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  stages: readonly { id: string; label: string }[];
  emptyLabel?: string;
}

export function ConditionBuilder(props: ConditionBuilderProps) {
  const ctx: Ctx = {
    choices: conditionFieldChoices(props.entity, props.entities, props.stages),
    stages: props.stages,
  };
  if (!props.value)
    return (
      <button
        type="button"
        className="btn btn-secondary btn-sm"
        onClick={() => props.onChange({ all: [{ field: ctx.choices[0]?.path ?? '', op: 'isSet' }] })}
      >
        {props.emptyLabel ?? '+ Add a condition'}
      </button>
    );
  // A bare comparison is shown inside an "all" group so that more can be added; one item is kept bare.
  const root: Condition = isComparison(props.value) ? { all: [props.value] } : props.value;
  return (
    <div className="cond-builder">
      <ConditionNode
        cond={root}
        ctx={ctx}
        depth={0}
        onChange={(c) => props.onChange(c)}
        onRemove={() => props.onChange(undefined)}
      />
      <button type="button" className="btn btn-ghost btn-xs" onClick={() => props.onChange(undefined)}>
        Remove condition
      </button>
    </div>
  );
}

/** Whether a field path exists on the entity (used to flag stale conditions). */
export function knownPath(
  entity: EntityDefinition | undefined,
  entities: readonly EntityDefinition[],
  path: string,
): boolean {
  if (!entity) return false;
  return resolveFieldPath(entity, path, toLookup(entities)).status === 'found';
}
