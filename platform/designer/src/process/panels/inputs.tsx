// Small form inputs shared by the property panels.
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Assignee, EntityDefinition, Recipient } from '@crm/definitions';

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    // A div, not a label: the content may hold several controls (a label would forward clicks).
    <div className="field" role="group" aria-label={label}>
      <span>{label}</span>
      {children}
      {hint && <small className="muted">{hint}</small>}
    </div>
  );
}

/** A text input that commits on blur or Enter, so that one edit is one undo step. */
export function TextInput({
  value,
  onCommit,
  label,
  multiline,
  placeholder,
  suggestions,
}: {
  value: string;
  onCommit(v: string): void;
  label: string;
  multiline?: boolean;
  placeholder?: string;
  /** Values to suggest while typing (any other text is still accepted). */
  suggestions?: readonly { value: string; label: string }[];
}) {
  const [text, setText] = useState(value);
  const listId = useId();
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return multiline ? (
    <textarea
      className="input"
      aria-label={label}
      rows={3}
      value={text}
      placeholder={placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
    />
  ) : (
    <>
      <input
        className="input"
        aria-label={label}
        value={text}
        placeholder={placeholder}
        {...(suggestions?.length ? { list: listId } : {})}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {suggestions?.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </datalist>
      ) : null}
    </>
  );
}

const UNITS = [
  { unit: 'M', label: 'minutes', time: true },
  { unit: 'H', label: 'hours', time: true },
  { unit: 'D', label: 'days', time: false },
  { unit: 'W', label: 'weeks', time: false },
] as const;

function parse(duration: string | undefined): { amount: number; unit: string } | null {
  if (!duration) return null;
  const m = /^P(?:(\d+)([DW])|T(\d+)([HMS]))$/.exec(duration);
  if (!m) return null;
  return m[1] ? { amount: Number(m[1]), unit: m[2] ?? 'D' } : { amount: Number(m[3]), unit: m[4] ?? 'H' };
}

function format(amount: number, unit: string): string {
  return unit === 'D' || unit === 'W' ? `P${amount}${unit}` : `PT${amount}${unit}`;
}

/** An ISO 8601 duration as "3 days"; other forms are kept and can be typed directly. */
export function DurationInput({
  value,
  onChange,
  label,
  optional,
}: {
  value: string | undefined;
  onChange(v: string | undefined): void;
  label: string;
  optional?: boolean;
}) {
  const parsed = parse(value);
  if (value && !parsed)
    return <TextInput label={label} value={value} onCommit={(v) => onChange(v || undefined)} />;
  return (
    <span className="duration">
      <input
        className="input input-sm"
        aria-label={`${label} amount`}
        type="number"
        min={0}
        value={parsed ? parsed.amount : ''}
        placeholder={optional ? 'none' : ''}
        onChange={(e) => {
          const n = e.target.value === '' ? undefined : Math.max(0, Math.floor(Number(e.target.value)));
          onChange(n === undefined || (optional && n === 0) ? undefined : format(n, parsed?.unit ?? 'D'));
        }}
      />
      <select
        className="input input-sm"
        aria-label={`${label} unit`}
        value={parsed?.unit ?? 'D'}
        onChange={(e) => onChange(format(parsed?.amount ?? 1, e.target.value))}
      >
        {UNITS.map((u) => (
          <option key={u.unit} value={u.unit}>
            {u.label}
          </option>
        ))}
      </select>
    </span>
  );
}

export function Checkbox({
  checked,
  onChange,
  label,
}: {
  checked: boolean;
  onChange(v: boolean): void;
  label: string;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

type Who = Assignee | Recipient;

export function AssigneeEditor<T extends Who>({
  value,
  onChange,
  roles,
  recipient,
  label,
}: {
  value: T;
  onChange(v: T): void;
  roles: readonly string[];
  recipient?: boolean;
  label: string;
}) {
  const set = (type: string) => {
    const next: Who =
      type === 'role'
        ? { type: 'role', role: roles[0] ?? 'manager' }
        : type === 'user'
          ? { type: 'user', userId: '' }
          : type === 'field'
            ? { type: 'field', field: '' }
            : type === 'address'
              ? { type: 'address', address: '' }
              : type === 'ownerManager'
                ? { type: 'ownerManager' }
                : { type: 'owner' };
    onChange(next as T);
  };
  return (
    <span className="assignee">
      <select
        className="input input-sm"
        aria-label={label}
        value={value.type}
        onChange={(e) => set(e.target.value)}
      >
        <option value="owner">Record owner</option>
        <option value="ownerManager">Owner's manager</option>
        <option value="role">Anyone with a role</option>
        <option value="user">A named user</option>
        {recipient && <option value="field">Address in a field</option>}
        {recipient && <option value="address">Fixed address</option>}
      </select>
      {value.type === 'role' && (
        <select
          className="input input-sm"
          aria-label={`${label} role`}
          value={value.role}
          onChange={(e) => onChange({ type: 'role', role: e.target.value } as T)}
        >
          {[...new Set([...roles, value.role])].map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
      {value.type === 'user' && (
        <TextInput
          label={`${label} user id`}
          value={value.userId}
          placeholder="user id"
          onCommit={(v) => onChange({ type: 'user', userId: v } as T)}
        />
      )}
      {value.type === 'field' && (
        <TextInput
          label={`${label} field`}
          value={value.field}
          placeholder="contact.email"
          onCommit={(v) => onChange({ type: 'field', field: v } as T)}
        />
      )}
      {value.type === 'address' && (
        <TextInput
          label={`${label} address`}
          value={value.address}
          placeholder="name@example.com"
          onCommit={(v) => onChange({ type: 'address', address: v } as T)}
        />
      )}
    </span>
  );
}

/** Field paths chosen from the entity's fields (and those of referenced records). */
export function FieldsPicker({
  value,
  onChange,
  entity,
  entities,
  label,
}: {
  value: readonly string[];
  onChange(v: string[]): void;
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  label: string;
}) {
  const [adding, setAdding] = useState('');
  const options = entity
    ? [
        ...entity.fields.map((f) => ({ path: f.key, label: f.label })),
        ...entity.fields.flatMap((f) =>
          f.type === 'reference'
            ? (entities.find((e) => e.key === f.entity)?.fields ?? []).map((t) => ({
                path: `${f.key}.${t.key}`,
                label: `${f.label} › ${t.label}`,
              }))
            : [],
        ),
      ]
    : [];
  const labelOf = (p: string) => options.find((o) => o.path === p)?.label ?? p;
  return (
    <div className="fields-picker">
      <div className="chips">
        {value.map((p) => (
          <span key={p} className="chip">
            {labelOf(p)}
            <button
              type="button"
              aria-label={`Remove ${labelOf(p)}`}
              onClick={() => onChange(value.filter((v) => v !== p))}
            >
              ×
            </button>
          </span>
        ))}
        {value.length === 0 && <span className="muted">None</span>}
      </div>
      <select
        className="input input-sm"
        aria-label={label}
        value={adding}
        onChange={(e) => {
          setAdding('');
          if (e.target.value) onChange([...value, e.target.value]);
        }}
      >
        <option value="">+ Add a field…</option>
        {options
          .filter((o) => !value.includes(o.path))
          .map((o) => (
            <option key={o.path} value={o.path}>
              {o.label}
            </option>
          ))}
      </select>
    </div>
  );
}
