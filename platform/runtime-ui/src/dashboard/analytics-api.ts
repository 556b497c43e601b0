// Typed calls to the pipeline analytics routes (their answers' types in @crm/definitions say what
// every figure means).
import type { Funnel, MoneyTotal, Snapshot } from '@crm/definitions';
import { request } from '../api/client';

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
