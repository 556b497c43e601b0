// The pipeline dashboard of one published process: the snapshot (open records per stage now) for
// everyone who reads records, and the period's history (conversion, time in stage, outcomes, per
// rep) for roles with analytics.read. Every figure comes from the analytics API, exact and
// limited to the records the user may see.
import { useEffect, useState } from 'react';
import type { Funnel, Snapshot } from '@crm/definitions';
import { errorMessage } from '../api/client';
import { can, entityOf, pluralOf, useWorkspace } from '../shared/definitions';
import { analyticsApi, type AnalyticsFilter } from './analytics-api';
import { DashboardFilters } from './dashboard-filters';
import { periodFor, type PeriodChoice } from './dashboard-model';
import { HistorySection } from './history-section';
import { SnapshotSection } from './snapshot-section';
import './dashboard.css';

interface Loaded {
  snapshot: Snapshot | null;
  funnel: Funnel | null;
  error: string | null;
  loading: boolean;
}

function useAnalytics(processKey: string, filter: AnalyticsFilter, withHistory: boolean): Loaded {
  const [state, setState] = useState<Loaded>({ snapshot: null, funnel: null, error: null, loading: true });
  const key = JSON.stringify(filter);
  useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    const filter = JSON.parse(key) as AnalyticsFilter;
    Promise.all([
      analyticsApi.snapshot(processKey, filter),
      withHistory ? analyticsApi.funnel(processKey, filter) : Promise.resolve(null),
    ]).then(
      ([snapshot, funnel]) => {
        if (!cancelled) setState({ snapshot, funnel, error: null, loading: false });
      },
      (e: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, error: errorMessage(e), loading: false }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [processKey, key, withHistory]);
  return state;
}

export function PipelineDashboard({ processKey }: { processKey: string }) {
  const ws = useWorkspace();
  const process = ws.processes.find((p) => p.key === processKey);
  const entity = process ? entityOf(ws, process.entity) : undefined;
  const withHistory = can(ws, 'analytics.read');
  const [ownerId, setOwnerId] = useState('');
  const [period, setPeriod] = useState<PeriodChoice>(() => periodFor('90'));
  const [chosenCurrency, setCurrency] = useState<string | undefined>(undefined);
  const [amountField, setAmountField] = useState('');
  const { snapshot, funnel, error, loading } = useAnalytics(
    processKey,
    { ownerId, amountField, from: period.from, to: period.to },
    withHistory,
  );
  if (!process) return <div className="empty">No published process “{processKey}”.</div>;

  const currencies = [
    ...new Set([
      ...(snapshot?.currencies ?? []),
      ...(funnel?.outcomes.ends.flatMap((end) => end.totals.map((t) => t.currency)) ?? []),
    ]),
  ].sort();
  // With no amounts at all, the summed field's first allowed currency still says what zero is in.
  const summed = entity?.fields.find((field) => field.key === snapshot?.process.amountField?.key);
  const fieldCurrency = summed?.type === 'money' ? summed.currencies?.[0] : undefined;
  const currency =
    chosenCurrency !== undefined && currencies.includes(chosenCurrency)
      ? chosenCurrency
      : (currencies[0] ?? fieldCurrency);
  const recordsLabel = (entity ? pluralOf(entity) : process.entity).toLowerCase();

  return (
    <section className="page dashboard" data-testid="dashboard" aria-busy={loading}>
      <div className="page-head">
        <h1>{process.label}: dashboard</h1>
      </div>
      <DashboardFilters
        meId={ws.me.user.id}
        recordScope={ws.me.recordScope}
        processes={ws.processes}
        processKey={processKey}
        ownerId={ownerId}
        onOwner={setOwnerId}
        period={period}
        onPeriod={setPeriod}
        showPeriod={withHistory}
        currencies={currencies}
        currency={currency}
        onCurrency={setCurrency}
        moneyFields={(entity?.fields ?? []).filter((field) => field.type === 'money')}
        amountField={amountField}
        onAmountField={setAmountField}
      />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {snapshot && <SnapshotSection snapshot={snapshot} currency={currency} recordsLabel={recordsLabel} />}
      {funnel && <HistorySection funnel={funnel} />}
      {!withHistory && snapshot && (
        <p className="muted small">
          Conversion, time in stage and win rates need the “read analytics” permission.
        </p>
      )}
    </section>
  );
}
