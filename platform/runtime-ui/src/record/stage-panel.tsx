// Guided selling: the stage path across the top, the current stage's guidance and checklist, what
// is still required to move on, and the allowed transitions as buttons. The engine's state is used
// when the process route answers; otherwise everything is derived from the definition.
import { useEffect, useState } from 'react';
import type { EntityDefinition, ProblemEntry, ProcessDefinition } from '@crm/definitions';
import { api, type ProcessState, type RecordView } from '../api/runtime-api';
import { ApiError } from '../api/client';
import { useWorkspace } from '../shared/definitions';
import { formatDate } from '../shared/format';
import { stageSteps, transitionsFrom, type TransitionView } from './process-view';

export function StagePath({ process, current }: { process: ProcessDefinition; current: string | null }) {
  const steps = stageSteps(process, current);
  return (
    <ol className="stage-path" aria-label={`${process.label} stages`}>
      {steps.map(({ node, state }) => (
        <li
          key={node.id}
          className={`stage-step stage-${state}${node.type === 'end' && node.outcome === 'lost' ? ' stage-lost' : ''}`}
          aria-current={state === 'current' ? 'step' : undefined}
          data-stage={node.id}
        >
          <span className="stage-mark" aria-hidden>
            {state === 'done' ? '✓' : ''}
          </span>
          <span className="stage-label">{node.label}</span>
          <span className="visually-hidden">
            {state === 'done' ? ' (done)' : state === 'current' ? ' (current)' : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function StagePanel(props: {
  process: ProcessDefinition;
  entity: EntityDefinition;
  record: RecordView;
  draft: Record<string, unknown>;
  related: Record<string, Record<string, unknown>>;
  engine: ProcessState | null;
  canWrite: boolean;
  moving: boolean;
  refusal: { message: string; reasons: readonly ProblemEntry[] } | null;
  onMove(to: string, checked: string[]): void;
}) {
  const ws = useWorkspace();
  const { process, record } = props;
  const current = props.engine?.currentStage?.nodeId ?? record.stage;
  const node = process.nodes.find((n) => n.id === current);
  // Ticks are kept by the running process (they count for later moves and survive a reload); without
  // an engine they live only on this page.
  const stored = current ? props.engine?.checklist?.[current] : undefined;
  const storedKey = `${current ?? ''}:${(stored ?? []).join(',')}`;
  const [checked, setChecked] = useState<Set<string>>(new Set(stored ?? []));
  const [tickError, setTickError] = useState<string | null>(null);
  // Re-read when the engine's ticks change (a move, another tab); `storedKey` is their content.
  useEffect(() => {
    setChecked(
      new Set(
        storedKey
          .slice(storedKey.indexOf(':') + 1)
          .split(',')
          .filter(Boolean),
      ),
    );
  }, [storedKey]);
  const tick = (itemId: string, on: boolean) => {
    const before = checked;
    const next = new Set(checked);
    if (on) next.add(itemId);
    else next.delete(itemId);
    setChecked(next);
    setTickError(null);
    if (!props.engine) return;
    api.tickChecklist(record.entity, record.id, itemId, on).catch((error: unknown) => {
      setChecked(before);
      setTickError(error instanceof ApiError ? error.message : 'The tick could not be saved.');
    });
  };
  const stage = node && (node.type === 'stage' || node.type === 'end') ? node : undefined;
  const checklist = stage?.type === 'stage' ? (stage.checklist ?? []) : [];
  const fromDefinition = transitionsFrom(
    process,
    current,
    ws.entities,
    props.entity,
    record.data,
    props.related,
  );
  const transitions: TransitionView[] = props.engine
    ? props.engine.transitions.map((t) => ({
        edgeId: t.edgeId,
        target: t.target,
        label: t.label ?? process.nodes.find((n) => n.id === t.target)?.label ?? t.target,
        allowed: t.allowed,
        missing: t.missing,
      }))
    : fromDefinition;
  const openChecklist = checklist.filter((item) => item.required && !checked.has(item.id));
  const stageMissing = new Map<string, string>();
  for (const t of transitions.filter(
    (t) => !process.edges.find((e) => e.id === t.edgeId)?.requiredFields?.length,
  ))
    for (const m of t.missing) stageMissing.set(m.message, m.message);
  const unsaved = JSON.stringify(props.draft) !== JSON.stringify(record.data);
  // A move into an approval leaves the record in its stage with no transitions: say what it waits for.
  const waiting = (props.engine?.approvals ?? []).map((a) => {
    const approval = process.nodes.find((n) => n.id === a.nodeId);
    const level = approval?.type === 'approval' ? approval.levels[a.levelIndex] : undefined;
    return {
      id: a.id,
      text: `${approval?.label ?? a.nodeId} · ${level?.label ?? a.levelId}`,
      deadline: a.deadline,
    };
  });

  return (
    <section className="card stage-panel" aria-label="Stage">
      <div className="stage-head">
        <div>
          <span className="eyebrow">Current stage</span>
          <h2>{stage?.label ?? (current ? current : 'Not in a process yet')}</h2>
        </div>
        {stage?.type === 'stage' && stage.probability !== undefined && (
          <span className="badge">{stage.probability} % probability</span>
        )}
        {stage?.type === 'end' && <span className="badge badge-ok">{stage.outcome}</span>}
      </div>
      {stage?.type === 'stage' && stage.guidance && <p className="guidance">{stage.guidance}</p>}
      {checklist.length > 0 && (
        <fieldset className="checklist">
          <legend>Checklist</legend>
          {checklist.map((item) => (
            <label key={item.id} className="check">
              <input
                type="checkbox"
                checked={checked.has(item.id)}
                disabled={!props.canWrite}
                onChange={(e) => tick(item.id, e.target.checked)}
              />
              {item.label}
              {item.required && <span className="muted small"> · required</span>}
            </label>
          ))}
          {tickError && (
            <p className="form-error" role="alert">
              {tickError}
            </p>
          )}
        </fieldset>
      )}
      {waiting.length > 0 && (
        <div className="requirements" data-testid="awaiting-approval">
          <h4>Waiting for approval</h4>
          <ul>
            {waiting.map((w) => (
              <li key={w.id}>
                {w.text}
                {w.deadline !== undefined && (
                  <span className="muted small">
                    {' '}
                    · decision due {formatDate(new Date(w.deadline).toISOString(), true)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(stageMissing.size > 0 || openChecklist.length > 0) && (
        <div className="requirements" data-testid="requirements">
          <h4>Still required to move on</h4>
          <ul>
            {[...stageMissing.values()].map((m) => (
              <li key={m}>{m}</li>
            ))}
            {openChecklist.map((item) => (
              <li key={item.id}>Tick “{item.label}”.</li>
            ))}
          </ul>
        </div>
      )}
      {transitions.length > 0 && (
        <div className="next-actions" aria-label="Next steps">
          <h4>Next steps</h4>
          <div className="row gap wrap">
            {transitions.map((t) => (
              <button
                key={t.edgeId}
                type="button"
                className={`btn ${t.allowed && openChecklist.length === 0 ? 'btn-primary' : 'btn-secondary'}`}
                disabled={!props.canWrite || props.moving}
                title={t.missing.map((m) => m.message).join(' ') || undefined}
                onClick={() => props.onMove(t.edgeId, [...checked])}
              >
                {t.label} →
              </button>
            ))}
          </div>
          {unsaved && <p className="muted small">Save your changes first: moves check the saved record.</p>}
        </div>
      )}
      {props.refusal && (
        <div className="banner banner-error" role="alert" data-testid="move-refused">
          <strong>
            {/* The problem's detail often repeats its first reason: list the reasons once. */}
            {props.refusal.reasons.some((r) => r.message === props.refusal?.message)
              ? 'This move is not possible yet:'
              : props.refusal.message}
          </strong>
          {props.refusal.reasons.length > 0 && (
            <ul>
              {props.refusal.reasons.map((r) => (
                <li key={r.message}>{r.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
