// The administrator's list of stuck automation: process starts that records owe and the engine has
// not accepted yet (retried with backoff by themselves; "Retry now" tries at once), and steps parked
// on a failure, which wait for a retry or a skip.
import { useCallback, useEffect, useState } from 'react';
import type { AutomationProblems, OwedStartView } from '@crm/definitions';
import { automationApi } from '../api/automation-api';
import { errorMessage } from '../api/client';
import { useWorkspace } from '../shared/definitions';
import { formatDate } from '../shared/format';
import { recordHref } from '../shared/route';
import { StepDecision, stepLabel } from './step-decision';
import { ErrorBanner } from '../shared/alerts';

function OwedStartRow({ start, onDone }: { start: OwedStartView; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const retry = async () => {
    setBusy(true);
    setNote(null);
    try {
      const result = await automationApi.retryStart(start.id);
      if (result.outcome === 'failed') setNote(`Still failing: ${result.error ?? 'no reason given'}`);
      else onDone();
    } catch (e) {
      setNote(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid="owed-start">
      <td>
        <a href={recordHref(start.record.entity, start.record.id)}>{start.record.title}</a>
      </td>
      <td>{start.processLabel}</td>
      <td className="num">{start.attempts}</td>
      <td className="wrap-text">
        {start.lastError ?? <span className="muted">First try still running</span>}
        {note && (
          <div className="form-error" role="alert">
            {note}
          </div>
        )}
      </td>
      <td>{formatDate(start.nextAttemptAt, true)}</td>
      <td>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void retry()}>
          Retry now
        </button>
      </td>
    </tr>
  );
}

export function AutomationProblemsPage() {
  const ws = useWorkspace();
  const [problems, setProblems] = useState<AutomationProblems | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    automationApi.problems().then(
      (p) => {
        setProblems(p);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(load, [load]);
  const processOf = (key: string) => ws.processes.find((p) => p.key === key);
  return (
    <section className="page" data-testid="automation-problems">
      <div className="page-head">
        <h1>Automation problems</h1>
        <button type="button" className="btn btn-secondary" onClick={load}>
          Refresh
        </button>
      </div>
      <ErrorBanner message={error} />
      {problems?.truncated && (
        <div className="banner" role="status">
          Only the first 200 of each kind are shown. Fix these first, then refresh.
        </div>
      )}
      {problems && (
        <>
          <h2>Processes that have not started</h2>
          <p className="muted small">
            Records whose process the engine has not accepted yet, usually because it was unreachable. They
            are tried again by themselves, with growing pauses; “Retry now” tries at once.
          </p>
          {problems.owedStarts.length === 0 ? (
            <div className="empty">Every record’s process has started.</div>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th>Record</th>
                    <th>Process</th>
                    <th>Failed tries</th>
                    <th>Last error</th>
                    <th>Next try</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {problems.owedStarts.map((start) => (
                    <OwedStartRow key={start.id} start={start} onDone={load} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Steps waiting for a decision</h2>
          <p className="muted small">
            A step whose action failed after its automatic retries. Its process waits here: fix the cause (a
            missing field, the mail server), then retry it, or skip it to go on without it.
          </p>
          {problems.failedSteps.length === 0 ? (
            <div className="empty">No step is waiting.</div>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th>Record</th>
                    <th>Step</th>
                    <th>Error</th>
                    <th>Failed</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {problems.failedSteps.map((step) => (
                    <tr key={step.id} data-testid="parked-step">
                      <td>
                        <a href={recordHref(step.record.entity, step.record.id)}>{step.record.title}</a>
                      </td>
                      <td>
                        {step.processLabel} · {stepLabel(processOf(step.processKey), step.step, step.nodeId)}
                      </td>
                      <td className="wrap-text">{step.error}</td>
                      <td>{formatDate(step.at, true)}</td>
                      <td>
                        <StepDecision workflowId={step.workflowId} stepKey={step.stepKey} onDone={load} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
