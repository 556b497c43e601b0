// The pipeline snapshot: open records per stage (count, amount, amount weighted by the stage's
// probability), computed from the list API; owner filter "mine / everyone I may see".
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { entityOf, useWorkspace } from '../shared/definitions';
import { amountField, formatMoney, moneyAmount } from '../shared/format';
import { usePipeline, STAGE_LIMIT } from '../shared/pipeline-data';

export function PipelineDashboard({ processKey }: { processKey: string }) {
  const ws = useWorkspace();
  const process = ws.processes.find((p) => p.key === processKey);
  const entity = process ? entityOf(ws, process.entity) : undefined;
  const [mine, setMine] = useState(false);
  const { columns, error } = usePipeline(process, mine ? { 'filter[ownerId]': ws.me.user.id } : {});
  if (!process || !entity) return <div className="empty">No published process “{processKey}”.</div>;
  const money = amountField(entity);
  const rows = columns
    .filter((c) => c.node.type === 'stage')
    .map((c) => {
      const amount = c.records.reduce((s, r) => s + (money ? (moneyAmount(r.data[money.key]) ?? 0) : 0), 0);
      const probability = c.node.type === 'stage' ? (c.node.probability ?? 0) : 0;
      return {
        stage: c.node.label,
        count: c.records.length,
        truncated: c.truncated,
        amount,
        weighted: Math.round((amount * probability) / 100),
        probability,
      };
    });
  const ends = columns.filter((c) => c.node.type === 'end');
  const total = rows.reduce(
    (s, r) => ({ count: s.count + r.count, amount: s.amount + r.amount, weighted: s.weighted + r.weighted }),
    {
      count: 0,
      amount: 0,
      weighted: 0,
    },
  );
  const money$ = (v: unknown) => formatMoney(typeof v === 'number' ? v : 0);

  return (
    <section className="page" data-testid="dashboard">
      <div className="page-head">
        <h1>{process.label}: pipeline</h1>
        <label className="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Only mine
        </label>
      </div>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="kpis">
        <div className="card kpi">
          <span className="eyebrow">Open</span>
          <strong>{total.count}</strong>
        </div>
        {money && (
          <>
            <div className="card kpi">
              <span className="eyebrow">Pipeline</span>
              <strong>{money$(total.amount)}</strong>
            </div>
            <div className="card kpi">
              <span className="eyebrow">Weighted</span>
              <strong>{money$(total.weighted)}</strong>
            </div>
          </>
        )}
        {ends.map((c) => (
          <div className="card kpi" key={c.node.id}>
            <span className="eyebrow">{c.node.label}</span>
            <strong>
              {c.records.length}
              {c.truncated ? '+' : ''}
            </strong>
          </div>
        ))}
      </div>
      <div className="charts">
        {money && (
          <div className="card chart">
            <h2>Amount per stage</h2>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="stage" tick={{ fontSize: 12 }} />
                <YAxis tickFormatter={money$} tick={{ fontSize: 12 }} width={90} />
                <Tooltip formatter={money$} />
                <Legend />
                <Bar dataKey="amount" name="Amount" fill="#93c5fd" />
                <Bar dataKey="weighted" name="Weighted by probability" fill="#2563eb" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <div className="card chart">
          <h2>Open {entity.pluralLabel?.toLowerCase() ?? entity.label.toLowerCase()} per stage</h2>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="stage" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="count" name="Count" fill="#0f766e" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <table className="table data-table">
        <thead>
          <tr>
            <th>Stage</th>
            <th>Probability</th>
            <th>Count</th>
            {money && <th>Amount</th>}
            {money && <th>Weighted</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.stage}>
              <td>{r.stage}</td>
              <td>{r.probability} %</td>
              <td>
                {r.count}
                {r.truncated ? '+' : ''}
              </td>
              {money && <td>{money$(r.amount)}</td>}
              {money && <td>{money$(r.weighted)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.some((r) => r.truncated) && (
        <p className="muted small">
          Stages with more than {STAGE_LIMIT} records are counted up to {STAGE_LIMIT}.
        </p>
      )}
    </section>
  );
}
