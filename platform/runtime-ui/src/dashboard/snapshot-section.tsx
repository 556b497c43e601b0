// Where the pipeline stands now: open records per stage, their amount and the amount weighted by
// each stage's probability, all computed exactly by the API (no page limit).
import type { Snapshot } from '@crm/definitions';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../shared/format';
import { totalIn } from './analytics-api';
import { days, retiredLabel } from './chart-format';

export function SnapshotSection({
  snapshot,
  currency,
  recordsLabel,
}: {
  snapshot: Snapshot;
  currency: string | undefined;
  recordsLabel: string;
}) {
  const money = snapshot.process.amountField !== null;
  const fmt = (value: unknown) => formatMoney(typeof value === 'number' ? value : 0, currency);
  // Stages a newer version dropped still hold open records (on the earlier version): listed last.
  const retiredStages = snapshot.retired
    .filter((node) => node.kind === 'stage' && node.count > 0)
    .map((node) => ({ ...node, label: retiredLabel(node.label, node.lastVersion) }));
  const rows = [...snapshot.stages, ...retiredStages].map((stage) => {
    const total = totalIn(stage.totals, currency);
    return {
      id: stage.id,
      stage: stage.label,
      probability: stage.probability,
      count: stage.count,
      withoutAmount: stage.withoutAmount,
      amount: total.amount,
      weighted: total.weighted ?? 0,
      age: stage.avgAgeMs,
    };
  });
  const open = totalIn(snapshot.open.totals, currency);
  const weighted = rows.reduce((sum, row) => sum + row.weighted, 0);
  const otherCurrencies = snapshot.open.totals.filter((t) => t.currency !== currency);

  return (
    <section aria-labelledby="snapshot-title" data-testid="snapshot">
      <h2 id="snapshot-title" className="section-title">
        Now
      </h2>
      <div className="kpis">
        <div className="card kpi" data-testid="kpi-open">
          <span className="eyebrow">Open {recordsLabel}</span>
          <strong>{snapshot.open.count}</strong>
        </div>
        {money && (
          <>
            <div className="card kpi" data-testid="kpi-pipeline">
              <span className="eyebrow">Pipeline ({snapshot.process.amountField?.label})</span>
              <strong>{fmt(open.amount)}</strong>
            </div>
            <div className="card kpi" data-testid="kpi-weighted">
              <span className="eyebrow">Weighted forecast</span>
              <strong>{fmt(weighted)}</strong>
            </div>
          </>
        )}
        {snapshot.ends.map((end) => (
          <div className={`card kpi kpi-${end.outcome}`} key={end.id} data-testid={`kpi-end-${end.id}`}>
            <span className="eyebrow">{end.label} (all time)</span>
            <strong>{end.count}</strong>
          </div>
        ))}
      </div>
      {otherCurrencies.length > 0 && (
        <p className="muted small">
          Also open in other currencies:{' '}
          {otherCurrencies.map((t) => formatMoney(t.amount, t.currency)).join(', ')} (pick the currency
          above).
        </p>
      )}
      <div className="charts">
        <div className="card chart" data-testid="chart-open-count">
          <h3>Open {recordsLabel} per stage</h3>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={rows} layout="vertical" margin={{ left: 12, right: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="stage" width={120} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="count" name="Open" fill="#0f766e" label={{ position: 'right', fontSize: 12 }} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        {money && (
          <div className="card chart" data-testid="chart-amount">
            <h3>Amount and weighted forecast per stage</h3>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="stage" tick={{ fontSize: 12 }} />
                <YAxis tickFormatter={fmt} tick={{ fontSize: 12 }} width={90} />
                <Tooltip formatter={fmt} />
                <Legend />
                <Bar dataKey="amount" name="Amount" fill="#93c5fd" />
                <Bar dataKey="weighted" name="Weighted by probability" fill="#2563eb" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </div>
      <div className="table-wrap">
        <table className="data-table" data-testid="snapshot-table">
          <thead>
            <tr>
              <th>Stage</th>
              <th className="num">Probability</th>
              <th className="num">Open</th>
              {money && <th className="num">Amount</th>}
              {money && <th className="num">Weighted</th>}
              <th className="num">Avg. age</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-stage={r.id}>
                <td>{r.stage}</td>
                <td className="num">{r.probability} %</td>
                <td className="num" data-cell="count">
                  {r.count}
                </td>
                {money && (
                  <td className="num" data-cell="amount">
                    {fmt(r.amount)}
                    {r.withoutAmount > 0 && <span className="muted small"> ({r.withoutAmount} without)</span>}
                  </td>
                )}
                {money && (
                  <td className="num" data-cell="weighted">
                    {fmt(r.weighted)}
                  </td>
                )}
                <td className="num">{days(r.age)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
