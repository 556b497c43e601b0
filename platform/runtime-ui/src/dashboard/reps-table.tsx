// Win rate and activity per rep for the period, as bars and as a table.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RepStats } from '@crm/definitions';
import { percentText } from './chart-format';

export function RepsTable({ reps }: { reps: readonly RepStats[] }) {
  if (reps.length === 0)
    return <p className="empty">Nobody moved a record or logged an activity in this period.</p>;
  const types = [...new Set(reps.flatMap((rep) => Object.keys(rep.activitiesByType)))].sort();
  const data = [...reps];
  const height = Math.max(160, 40 * reps.length + 60);
  return (
    <div className="reps" data-testid="reps">
      <h3>Per rep</h3>
      <div className="charts">
        <div className="card chart" data-testid="chart-reps">
          <h3>Won and lost</h3>
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={data} layout="vertical" margin={{ left: 12, right: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="won" name="Won" stackId="outcome" fill="#16a34a" isAnimationActive={false} />
              <Bar dataKey="lost" name="Lost" stackId="outcome" fill="#dc2626" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="card chart" data-testid="chart-activities">
          <h3>Activities logged</h3>
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={data} layout="vertical" margin={{ left: 12, right: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="activities" name="Activities" fill="#64748b" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div className="table-wrap">
        <table className="data-table" data-testid="reps-table">
          <thead>
            <tr>
              <th>Owner</th>
              <th className="num">Moved in period</th>
              <th className="num">Open now</th>
              <th className="num">Won</th>
              <th className="num">Lost</th>
              <th className="num">Win rate</th>
              <th className="num">Activities</th>
              {types.map((type) => (
                <th className="num activity-type" key={type}>
                  {type}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {reps.map((rep) => (
              <tr key={rep.userId ?? 'unassigned'} data-rep={rep.userId ?? 'unassigned'}>
                <td>{rep.name}</td>
                <td className="num">{rep.active}</td>
                <td className="num">{rep.openNow}</td>
                <td className="num" data-cell="won">
                  {rep.won}
                </td>
                <td className="num" data-cell="lost">
                  {rep.lost}
                </td>
                <td className="num" data-cell="win-rate">
                  {percentText(rep.winRate)}
                </td>
                <td className="num" data-cell="activities">
                  {rep.activities}
                </td>
                {types.map((type) => (
                  <td className="num" key={type}>
                    {rep.activitiesByType[type] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
