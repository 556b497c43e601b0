// Typed calls to the pipeline analytics routes (see the API's analytics service for the meaning
// of every figure).
import { request } from '../api/client';

export interface MoneyTotal {
  currency: string;
  amount: number;
  weighted?: number;
}

export interface ProcessHeader {
  key: string;
  label: string;
  entity: string;
  amountField: { key: string; label: string } | null;
}

export interface EndFigures {
  id: string;
  label: string;
  outcome: 'won' | 'lost' | 'closed';
  count: number;
  totals: MoneyTotal[];
}

export interface SnapshotStage {
  id: string;
  label: string;
  probability: number;
  count: number;
  withoutAmount: number;
  totals: MoneyTotal[];
  avgAgeMs: number | null;
}

export interface Snapshot {
  process: ProcessHeader;
  ownerId: string | null;
  stages: SnapshotStage[];
  ends: EndFigures[];
  open: { count: number; totals: MoneyTotal[] };
  currencies: string[];
}

export interface FunnelStage {
  id: string;
  label: string;
  probability: number;
  entered: number;
  advanced: number;
  lost: number;
  stillIn: number;
  conversion: number | null;
  completedStays: number;
  medianMs: number | null;
  avgMs: number | null;
}

export interface RepStats {
  userId: string | null;
  name: string;
  role: string | null;
  active: number;
  openNow: number;
  won: number;
  lost: number;
  winRate: number | null;
  activities: number;
  activitiesByType: Record<string, number>;
}

export interface Funnel {
  process: ProcessHeader;
  period: { from: string; to: string };
  ownerId: string | null;
  stages: FunnelStage[];
  outcomes: { won: number; lost: number; closed: number; winRate: number | null; ends: EndFigures[] };
  reps: RepStats[];
  activities: { total: number; byType: Record<string, number> };
}

export interface AnalyticsFilter {
  ownerId?: string;
  /** A money field of the entity to sum instead of its first one. */
  amountField?: string;
  /** Days, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

function query(filter: AnalyticsFilter, withPeriod: boolean): string {
  const params = new URLSearchParams();
  if (filter.ownerId) params.set('owner', filter.ownerId);
  if (filter.amountField) params.set('amountField', filter.amountField);
  if (withPeriod && filter.from) params.set('from', filter.from);
  if (withPeriod && filter.to) params.set('to', filter.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const base = (processKey: string) => `/api/analytics/processes/${encodeURIComponent(processKey)}`;

export const analyticsApi = {
  snapshot: (processKey: string, filter: AnalyticsFilter = {}) =>
    request<Snapshot>('GET', `${base(processKey)}/snapshot${query(filter, false)}`),
  funnel: (processKey: string, filter: AnalyticsFilter = {}) =>
    request<Funnel>('GET', `${base(processKey)}/funnel${query(filter, true)}`),
};

/** The total in one currency, 0 when there is none. */
export function totalIn(totals: readonly MoneyTotal[], currency: string | undefined): MoneyTotal {
  return (
    totals.find((total) => total.currency === currency) ?? {
      currency: currency ?? '',
      amount: 0,
      weighted: 0,
    }
  );
}
