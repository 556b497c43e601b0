// The records whose process still runs an older published version, and moving them to the newest
// (the engine judges each on its own state: those that cannot move stay, with the reason).
import { useCallback, useEffect, useState } from 'react';
import type { MigrationReport } from '@crm/definitions';
import { api } from '../../api/definitions-api';
import { errorMessage } from '@crm/runtime-ui/ui';

/**
 * Records whose process still runs an older version, per version, with "Move to v<newest>": each
 * moves when everything it is doing exists in the newest version; the others stay, with the reason.
 */
export function RunningRecords({ processKey, newest }: { processKey: string; newest: number }) {
  const [running, setRunning] = useState<Map<number, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [report, setReport] = useState<MigrationReport | null>(null);
  const load = useCallback(() => {
    api.instances(processKey).then(
      (items) => {
        const counts = new Map<number, number>();
        for (const item of items)
          if (item.status === 'RUNNING' && item.processVersion !== newest)
            counts.set(item.processVersion, (counts.get(item.processVersion) ?? 0) + 1);
        setRunning(counts);
        setError(null);
      },
      (e: unknown) => setError(`Running records cannot be counted: ${errorMessage(e)}`),
    );
  }, [processKey, newest]);
  useEffect(load, [load]);
  const migrate = async (from: number) => {
    setBusy(from);
    try {
      setReport(await api.migrate(processKey, from));
      load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const older = [...(running ?? new Map<number, number>()).entries()].sort(([a], [b]) => a - b);
  return (
    <section className="running-records" data-testid="running-records">
      <h4>Records on older versions</h4>
      {error && <p className="form-error">{error}</p>}
      {running && older.length === 0 && (
        <p className="muted small">Every running record follows v{newest}.</p>
      )}
      <ul className="version-list">
        {older.map(([version, count]) => (
          <li key={version}>
            <strong>v{version}</strong>: {count} running{' '}
            <button
              type="button"
              className="btn btn-xs"
              disabled={busy !== null}
              onClick={() => void migrate(version)}
            >
              {busy === version ? 'Moving…' : `Move to v${newest}`}
            </button>
          </li>
        ))}
      </ul>
      {report && (
        <div className="migration-report" role="status" data-testid="migration-report">
          <p className="small">
            {report.migrated.length} moved to v{report.to}
            {report.refused.length > 0 ? `, ${report.refused.length} stay where they are` : ''}
            {report.failed.length > 0 ? `, ${report.failed.length} could not be asked` : ''}.
          </p>
          {report.refused.length + report.failed.length > 0 && (
            <ul className="small">
              {report.refused.map((r) => (
                <li key={r.recordId}>
                  <strong>{r.title}</strong> stays on v{r.fromVersion}:{' '}
                  {r.reasons.map((x) => x.message).join(' ')}
                </li>
              ))}
              {report.failed.map((r) => (
                <li key={r.recordId} className="form-error">
                  <strong>{r.title}</strong>: {r.error}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
