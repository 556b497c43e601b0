// The dashboard's filters: process, owner, period and (when amounts come in several currencies)
// the currency the money figures are shown in.
import type { ProcessDefinition } from '@crm/definitions';
import { useUsers } from '../shared/users';
import { ownerChoices, periodFor, type PeriodChoice, type PeriodPreset } from './dashboard-model';

const PRESETS: { value: PeriodPreset; label: string }[] = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
  { value: 'year', label: 'This year' },
  { value: 'custom', label: 'Custom…' },
];

export interface DashboardFiltersProps {
  meId: string;
  recordScope: string;
  processes: readonly ProcessDefinition[];
  processKey: string;
  ownerId: string;
  onOwner(ownerId: string): void;
  period: PeriodChoice;
  onPeriod(period: PeriodChoice): void;
  /** Shown only when the history is available to the user. */
  showPeriod: boolean;
  currencies: readonly string[];
  currency: string | undefined;
  onCurrency(currency: string): void;
  /** The entity's money fields; a choice appears when there are several. */
  moneyFields: readonly { key: string; label: string }[];
  /** '' for the default (the first money field). */
  amountField: string;
  onAmountField(key: string): void;
}

export function DashboardFilters(props: DashboardFiltersProps) {
  const { users } = useUsers();
  const { period } = props;
  const people = ownerChoices(users, props.meId, props.recordScope);
  return (
    <div className="filters dashboard-filters" role="group" aria-label="Dashboard filters">
      {props.processes.length > 1 && (
        <label>
          <span>Process</span>
          <select
            className="input"
            value={props.processKey}
            onChange={(e) => {
              window.location.hash = `#/dashboard/${e.target.value}`;
            }}
          >
            {props.processes.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {people.length > 1 && (
        <label>
          <span>Owner</span>
          <select
            className="input"
            value={props.ownerId}
            onChange={(e) => props.onOwner(e.target.value)}
            data-testid="owner-filter"
          >
            <option value="">Everyone I may see</option>
            {people.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.showPeriod && (
        <label>
          <span>Period</span>
          <select
            className="input"
            value={period.preset}
            data-testid="period-filter"
            onChange={(e) => {
              const preset = e.target.value as PeriodPreset;
              props.onPeriod(preset === 'custom' ? { ...period, preset } : periodFor(preset));
            }}
          >
            {PRESETS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.showPeriod && period.preset === 'custom' && (
        <>
          <label>
            <span>From</span>
            <input
              className="input"
              type="date"
              value={period.from}
              max={period.to}
              onChange={(e) => e.target.value && props.onPeriod({ ...period, from: e.target.value })}
            />
          </label>
          <label>
            <span>To</span>
            <input
              className="input"
              type="date"
              value={period.to}
              min={period.from}
              onChange={(e) => e.target.value && props.onPeriod({ ...period, to: e.target.value })}
            />
          </label>
        </>
      )}
      {props.moneyFields.length > 1 && (
        <label>
          <span>Sum</span>
          <select
            className="input"
            value={props.amountField}
            onChange={(e) => props.onAmountField(e.target.value)}
            data-testid="amount-field"
          >
            {props.moneyFields.map((field, index) => (
              <option key={field.key} value={index === 0 ? '' : field.key}>
                {field.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.currencies.length > 1 && (
        <label>
          <span>Currency</span>
          <select className="input" value={props.currency} onChange={(e) => props.onCurrency(e.target.value)}>
            {props.currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
