// What happened in the chosen period: how many records entered each stage and moved on
// (conversion), how long they stayed, the outcomes, and the figures per rep.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Funnel,
  FunnelChart,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '../shared/format';
import type { Funnel as FunnelData } from '@crm/definitions';
import { days, percentText, retiredLabel, toDays } from './chart-format';
import { RepsTable } from './reps-table';

const FUNNEL_COLOURS = ['#1e3a8a', '#1d4ed8', '#2563eb', '#3b82f6', '#60a5fa', '#93c5fd', '#bfdbfe'];

export function HistorySection({ funnel }: { funnel: FunnelData }) {
  const stages = funnel.stages.map((stage) => {
    const label =
      stage.retiredAfter === undefined ? stage.label : retiredLabel(stage.label, stage.retiredAfter);
    return {
      ...stage,
      label,
      name: label,
      conversionValue: stage.conversion ?? 0,
      medianDays: toDays(stage.medianMs),
      avgDays: toDays(stage.avgMs),
    };
  });
  // Only the funnel takes a colour per entry (the bar charts would pick it up too).
  const funnelData = stages.map((stage, index) => ({
    name: stage.name,
    value: stage.entered,
    fill: FUNNEL_COLOURS[Math.min(index, FUNNEL_COLOURS.length - 1)],
  }));
  const { outcomes } = funnel;
  // The period's `to` is exclusive; people read the last day included.
  const lastDay = new Date(Date.parse(funnel.period.to) - 1).toISOString();

  return (
    <section aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title" className="section-title">
        {formatDate(funnel.period.from)} – {formatDate(lastDay)}
      </h2>
      <div className="kpis">
        {outcomes.ends.map((end) => (
          <div className={`card kpi kpi-${end.outcome}`} key={end.id} data-testid={`kpi-period-${end.id}`}>
            <span className="eyebrow">{end.label}</span>
            <strong>{end.count}</strong>
          </div>
        ))}
        <div className="card kpi" data-testid="kpi-win-rate">
          <span className="eyebrow">Win rate</span>
          <strong>{percentText(outcomes.winRate)}</strong>
        </div>
        <div className="card kpi" data-testid="kpi-activities">
          <span className="eyebrow">Activities logged</span>
          <strong>{funnel.activities.total}</strong>
        </div>
      </div>
      <div className="charts">
        <div className="card chart" data-testid="chart-funnel">
          <h3>Entered each stage</h3>
          <ResponsiveContainer width="100%" height={260}>
            <FunnelChart margin={{ top: 8, right: 120, bottom: 8, left: 8 }}>
              <Tooltip />
              <Funnel dataKey="value" data={funnelData} isAnimationActive={false}>
                <LabelList position="right" fill="#1f2937" stroke="none" dataKey="name" fontSize={12} />
                <LabelList position="center" fill="#fff" stroke="none" dataKey="value" fontSize={12} />
              </Funnel>
            </FunnelChart>
          </ResponsiveContainer>
        </div>
        <div className="card chart" data-testid="chart-conversion">
          <h3>Conversion to a later stage</h3>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={stages}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis unit=" %" domain={[0, 100]} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => `${String(v)} %`} />
              <Bar dataKey="conversionValue" name="Conversion" fill="#0f766e" isAnimationActive={false}>
                <LabelList
                  dataKey="conversionValue"
                  position="top"
                  fontSize={12}
                  formatter={(v) => `${String(v)} %`}
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="card chart" data-testid="chart-time">
          <h3>Time in stage (days)</h3>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={stages}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} />
              <YAxis tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => `${String(v)} d`} />
              <Legend />
              <Bar dataKey="medianDays" name="Median" fill="#7c3aed" isAnimationActive={false} />
              <Bar dataKey="avgDays" name="Average" fill="#c4b5fd" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div className="table-wrap">
        <table className="data-table" data-testid="funnel-table">
          <thead>
            <tr>
              <th>Stage</th>
              <th className="num">Entered</th>
              <th className="num">Moved on</th>
              <th className="num">Lost</th>
              <th className="num">Still there</th>
              <th className="num">Conversion</th>
              <th className="num">Median time</th>
              <th className="num">Average time</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.id} data-stage={s.id}>
                <td>{s.label}</td>
                <td className="num" data-cell="entered">
                  {s.entered}
                </td>
                <td className="num" data-cell="advanced">
                  {s.advanced}
                </td>
                <td className="num">{s.lost}</td>
                <td className="num">{s.stillIn}</td>
                <td className="num" data-cell="conversion">
                  {percentText(s.conversion)}
                </td>
                <td className="num">{days(s.medianMs)}</td>
                <td className="num">{days(s.avgMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        A stage counts the records that entered it in the period (once, even after a loop back); “moved on”
        means they went on to a later stage or were won, whenever that happened.
      </p>
      <RepsTable reps={funnel.reps} />
    </section>
  );
}
