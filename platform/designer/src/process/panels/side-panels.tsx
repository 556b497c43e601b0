// The right-hand panels besides the properties: problems, versions with the business diff, and
// "Try it" (the engine's simulation against a sample record).
import { useEffect, useState } from 'react';
import type {
  DefinitionChange,
  DefinitionError,
  EntityDefinition,
  ProcessDefinition,
  SimulationAnswer,
  VersionMeta,
} from '@crm/definitions';
import { api } from '../../api/definitions-api';
import { RunningRecords } from './running-records';
import { ApiError, errorMessage } from '@crm/runtime-ui/ui';
import { FieldWidget } from '@crm/runtime-ui/forms';

export function ProblemsPanel({
  errors,
  onPick,
}: {
  errors: readonly DefinitionError[];
  onPick(e: DefinitionError): void;
}) {
  if (errors.length === 0)
    return (
      <div className="ok-box" data-testid="problems-empty">
        No problems: this process can be published.
      </div>
    );
  return (
    <ul className="problems" data-testid="problems">
      {errors.map((e, i) => (
        <li key={`${e.rule}-${e.path}-${i}`}>
          <button type="button" className="problem" onClick={() => onPick(e)}>
            <span className="problem-rule">{e.rule}</span>
            <span>{e.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function VersionsPanel({ processKey, savedAt }: { processKey: string; savedAt: number }) {
  const [versions, setVersions] = useState<VersionMeta[] | null>(null);
  const [changes, setChanges] = useState<DefinitionChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const list = await api.versions('process', processKey);
        if (!live) return;
        setVersions(list);
        // Without a draft (just published) there is nothing to compare: the published version is current.
        setChanges(
          list.length
            ? await api
                .diff('process', processKey)
                .catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? [] : null))
            : null,
        );
        setError(null);
      } catch (e) {
        if (live) setError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [processKey, savedAt]);
  return (
    <div className="versions" data-testid="versions">
      {error && <p className="form-error">{error}</p>}
      <h4>Changes in the draft</h4>
      {versions && versions.length === 0 && (
        <p className="muted">Never published: everything in the draft is new.</p>
      )}
      {changes && changes.length === 0 && <p className="muted">The draft equals the published version.</p>}
      {changes && changes.length > 0 && (
        <ul className="changes" data-testid="diff">
          {changes.map((c, i) => (
            <li
              key={i}
              className={`change change-${c.change} ${c.severity === 'destructive' ? 'change-destructive' : ''}`}
            >
              <span className="change-tag">{c.change}</span> {c.message}
            </li>
          ))}
        </ul>
      )}
      <h4>Published versions</h4>
      <ul className="version-list">
        {(versions ?? [])
          .slice()
          .reverse()
          .map((v) => (
            <li key={v.version}>
              <strong>v{v.version}</strong>{' '}
              <span className="muted">{v.publishedAt ? new Date(v.publishedAt).toLocaleString() : ''}</span>
            </li>
          ))}
      </ul>
      {versions && versions.length > 1 && (
        <RunningRecords processKey={processKey} newest={Math.max(...versions.map((v) => v.version))} />
      )}
    </div>
  );
}

type ScriptStep = { kind: 'move' | 'approve' | 'reject' | 'complete'; nodeId: string };

function scriptEntry(step: ScriptStep) {
  switch (step.kind) {
    case 'move':
      return { after: 'PT1M', event: { type: 'moveRequested', target: step.nodeId } };
    case 'approve':
    case 'reject':
      return {
        after: 'PT1M',
        event: {
          type: 'approvalDecided',
          nodeId: step.nodeId,
          decision: step.kind === 'approve' ? 'approved' : 'rejected',
        },
      };
    case 'complete':
      return { after: 'PT1M', event: { type: 'taskCompleted', nodeId: step.nodeId } };
    default:
      throw new Error(`Unknown step: ${String((step as { kind: unknown }).kind)}`);
  }
}

export function TryItPanel({
  definition,
  entity,
  canRun,
  onResult,
}: {
  definition: ProcessDefinition;
  entity: EntityDefinition | undefined;
  canRun: boolean;
  onResult(r: SimulationAnswer | null): void;
}) {
  const [record, setRecord] = useState<Record<string, unknown>>({});
  const [steps, setSteps] = useState<ScriptStep[]>([]);
  const [result, setResult] = useState<SimulationAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const targets = definition.nodes.filter((n) => n.type !== 'start');
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.simulate({ process: definition, record, script: steps.map(scriptEntry) });
      setResult(answer);
      onResult(answer);
    } catch (e) {
      setResult(null);
      onResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tryit" data-testid="try-it">
      <h4>Sample record</h4>
      <div className="sample-fields">
        {(entity?.fields ?? []).slice(0, 12).map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <FieldWidget
              id={`sample-${f.key}`}
              field={f}
              value={record[f.key]}
              disabled={false}
              required={false}
              invalid={false}
              onChange={(v) =>
                setRecord((r) => {
                  const copy = { ...r };
                  if (v === undefined) delete copy[f.key];
                  else copy[f.key] = v;
                  return copy;
                })
              }
            />
          </label>
        ))}
      </div>
      <h4>Then</h4>
      {steps.map((s, i) => (
        <div key={i} className="list-row">
          <select
            className="input input-sm"
            aria-label={`Step ${i + 1} action`}
            value={s.kind}
            onChange={(e) =>
              setSteps(
                steps.map((x, j) => (j === i ? { ...x, kind: e.target.value as ScriptStep['kind'] } : x)),
              )
            }
          >
            <option value="move">Move to</option>
            <option value="approve">Approve</option>
            <option value="reject">Reject</option>
            <option value="complete">Complete task</option>
          </select>
          <select
            className="input input-sm"
            aria-label={`Step ${i + 1} node`}
            value={s.nodeId}
            onChange={(e) => setSteps(steps.map((x, j) => (j === i ? { ...x, nodeId: e.target.value } : x)))}
          >
            {targets.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="icon-btn"
            aria-label="Remove step"
            onClick={() => setSteps(steps.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() => setSteps([...steps, { kind: 'move', nodeId: targets[0]?.id ?? '' }])}
      >
        + Step
      </button>
      <div className="row gap">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canRun || busy}
          onClick={() => void run()}
        >
          {busy ? 'Running…' : 'Run simulation'}
        </button>
        {!canRun && <span className="muted small">Fix the problems first.</span>}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="sim-result" data-testid="simulation-result">
          <h4>Path</h4>
          <ol className="sim-path">
            {result.path.map((p, i) => (
              <li key={i}>
                {p.label} <span className="muted">({p.type})</span>
              </li>
            ))}
          </ol>
          <p className="small">
            Status: <strong>{result.status}</strong>
            {result.outcome ? ` · outcome ${result.outcome}` : ''}
          </p>
          <h4>Mails ({result.mails.length})</h4>
          <ul>
            {result.mails.map((m, i) => (
              <li key={i}>{typeof m.template === 'string' ? m.template : JSON.stringify(m.template)}</li>
            ))}
          </ul>
          <h4>Approvals ({result.approvals.length})</h4>
          <ul>
            {result.approvals.map((a, i) => (
              <li key={i}>
                {String(a.nodeId ?? '')} {typeof a.levelLabel === 'string' ? `· ${a.levelLabel}` : ''}
              </li>
            ))}
          </ul>
          <h4>Tasks ({result.tasks.length})</h4>
          <ul>
            {result.tasks.map((t, i) => (
              <li key={i}>{t.title}</li>
            ))}
          </ul>
          {result.rejected && result.rejected.length > 0 && (
            <>
              <h4>Refused steps</h4>
              <ul>
                {result.rejected.map((r, i) => (
                  <li key={i}>{r.reasons.join('; ')}</li>
                ))}
              </ul>
            </>
          )}
          {result.error && <p className="form-error">{result.error.message}</p>}
        </div>
      )}
    </div>
  );
}
