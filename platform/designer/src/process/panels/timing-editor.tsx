// The one editor for durations and their "business time" switch. Approval deadlines and reminders,
// waits and their timeouts, task due dates and timers all hold one or more ISO 8601 durations next
// to a `businessTime` flag; each of them is edited here.
import { Checkbox, DurationInput, Field } from './inputs';
import { withOptional } from './panel-context';

/** The keys of T whose values are durations (strings). */
export type DurationKey<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends string ? K : never;
}[keyof T];

export interface DurationSlot<T> {
  key: DurationKey<T>;
  /** The visible label of the field. */
  label: string;
  /** The accessible name of the inputs ("<name> amount", "<name> unit"). */
  name: string;
  hint?: string;
  /** Required durations fall back to this when cleared; optional ones are removed. */
  fallback?: string;
}

export function TimingEditor<T extends { businessTime?: boolean }>({
  value,
  durations,
  businessLabel = 'Count in business time',
  onChange,
}: {
  value: T;
  durations: readonly DurationSlot<T>[];
  businessLabel?: string;
  onChange(next: NoInfer<T>): void;
}) {
  return (
    <>
      {durations.map((slot) => (
        <Field key={String(slot.key)} label={slot.label} {...(slot.hint ? { hint: slot.hint } : {})}>
          <DurationInput
            optional={slot.fallback === undefined}
            label={slot.name}
            value={value[slot.key] as string | undefined}
            onChange={(v) =>
              onChange(withOptional(value, slot.key, (v ?? slot.fallback) as T[typeof slot.key]))
            }
          />
        </Field>
      ))}
      <Checkbox
        label={businessLabel}
        checked={value.businessTime === true}
        onChange={(v) => onChange(withOptional(value, 'businessTime', v as T['businessTime']))}
      />
    </>
  );
}
