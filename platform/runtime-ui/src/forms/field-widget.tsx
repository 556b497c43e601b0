// One input per field type. Numbers keep the text the user is typing (e.g. "12.") locally, so that
// nothing typed is lost while the value is not yet a number.
import { useEffect, useState } from 'react';
import type { FieldDefinition } from '@crm/definitions';

export interface ChoiceOption {
  value: string;
  label: string;
}

export interface FieldWidgetProps {
  id: string;
  field: FieldDefinition;
  value: unknown;
  disabled: boolean;
  required: boolean;
  invalid: boolean;
  describedBy?: string;
  /** Choices for reference and user fields (id → label); free text when absent. */
  choices?: readonly ChoiceOption[];
  onChange(value: unknown): void;
}

function NumberInput(props: {
  id: string;
  value: number | undefined;
  disabled: boolean;
  common: Record<string, unknown>;
  step?: string;
  onChange(value: number | undefined): void;
}) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  useEffect(() => {
    // Follow outside changes, but keep what the user typed while it means the same number.
    setText((current) =>
      Number(current) === props.value && current !== ''
        ? current
        : props.value === undefined
          ? ''
          : String(props.value),
    );
  }, [props.value]);
  return (
    <input
      {...props.common}
      id={props.id}
      type="text"
      inputMode="decimal"
      value={text}
      disabled={props.disabled}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const trimmed = next.trim().replace(',', '.');
        if (trimmed === '') props.onChange(undefined);
        else if (!Number.isNaN(Number(trimmed))) props.onChange(Number(trimmed));
      }}
    />
  );
}

const asString = (v: unknown) => (typeof v === 'string' ? v : '');
const asNumber = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function FieldWidget(props: FieldWidgetProps) {
  const { id, field, value, disabled, onChange } = props;
  const common: Record<string, unknown> = {
    'aria-invalid': props.invalid || undefined,
    'aria-required': props.required || undefined,
    'aria-describedby': props.describedBy,
    className: 'crm-input',
    name: field.key,
  };
  switch (field.type) {
    case 'text':
    case 'email':
    case 'phone':
    case 'url': {
      const type = field.type === 'text' ? 'text' : field.type === 'phone' ? 'tel' : field.type;
      return (
        <input
          {...common}
          id={id}
          type={type}
          value={asString(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
    }
    case 'longText':
      return (
        <textarea
          {...common}
          id={id}
          rows={3}
          value={asString(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
    case 'number':
    case 'integer':
    case 'percent':
      return (
        <NumberInput
          id={id}
          common={common}
          value={asNumber(value)}
          disabled={disabled}
          onChange={onChange}
        />
      );
    case 'money': {
      const money =
        typeof value === 'object' && value !== null ? (value as { amount?: number; currency?: string }) : {};
      const currencies = field.currencies && field.currencies.length > 0 ? field.currencies : ['EUR'];
      const currency = money.currency ?? currencies[0] ?? 'EUR';
      return (
        <span className="crm-money">
          <NumberInput
            id={id}
            common={common}
            value={money.amount}
            disabled={disabled}
            onChange={(amount) => onChange(amount === undefined ? undefined : { amount, currency })}
          />
          <select
            className="crm-input"
            aria-label={`${field.label} currency`}
            value={currency}
            disabled={disabled}
            onChange={(e) =>
              onChange(
                money.amount === undefined ? undefined : { amount: money.amount, currency: e.target.value },
              )
            }
          >
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </span>
      );
    }
    case 'date':
      return (
        <input
          {...common}
          id={id}
          type="date"
          value={asString(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    case 'datetime': {
      const local = asString(value).slice(0, 16);
      return (
        <input
          {...common}
          id={id}
          type="datetime-local"
          value={local}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : undefined)}
        />
      );
    }
    case 'boolean':
      return (
        <input
          {...common}
          className="crm-checkbox"
          id={id}
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'enum':
      return (
        <select
          {...common}
          id={id}
          value={asString(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">—</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'multiEnum': {
      const selected = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <span className="crm-multi" role="group" aria-labelledby={`${id}-label`}>
          {field.options.map((o) => (
            <label key={o.value} className="crm-chip">
              <input
                type="checkbox"
                disabled={disabled}
                checked={selected.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
                }
              />
              {o.label}
            </label>
          ))}
        </span>
      );
    }
    case 'reference':
    case 'user':
      if (props.choices)
        return (
          <select
            {...common}
            id={id}
            value={asString(value)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value || undefined)}
          >
            <option value="">—</option>
            {props.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        );
      return (
        <input
          {...common}
          id={id}
          type="text"
          placeholder={field.type === 'user' ? 'User id' : `Id of a ${field.entity}`}
          value={asString(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    default:
      throw new Error(`Unknown field type: ${String((field as { type: unknown }).type)}`);
  }
}
