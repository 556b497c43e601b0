// One record: the stage path and guidance on top, the form and the timeline on the left, the next
// actions (log a communication, send a mail) and related records on the right.
import { useCallback, useEffect, useState } from 'react';
import type { ProblemEntry } from '@crm/definitions';
import { api, type ProcessState } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { can, entityOf, formOf, pluralOf, useWorkspace } from '../shared/definitions';
import { titleOf } from '../shared/format';
import { useUsers } from '../shared/users';
import { LogActivity } from './log-activity';
import { MailPanel } from './mail-panel';
import { processOf } from './process-view';
import { RecordForm } from './record-form';
import { RelatedRecords } from './related-records';
import { FailedSteps } from './failed-steps';
import { StagePanel, StagePath } from './stage-panel';
import { Timeline, useTimeline } from './timeline';
import { useRecord } from './use-record';

const MIRROR_POLL_MS = 300;
const MIRROR_CATCH_UPS = 30;
const APPROVAL_POLL_MS = 4000;
const STEP_RETRY_RELOAD_MS = 1500;
const START_PENDING_POLL_MS = 5000;

export function RecordPage({ entityKey, id }: { entityKey: string; id: string }) {
  const ws = useWorkspace();
  const entity = entityOf(ws, entityKey);
  const form = formOf(ws, entityKey);
  const process = processOf(ws.processes, entityKey);
  const { record, setRecord, related, relatedData, choices, error, reload } = useRecord(entity, id);
  const [engine, setEngine] = useState<ProcessState | null>(null);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [moving, setMoving] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; reasons: readonly ProblemEntry[] } | null>(null);
  const [tick, setTick] = useState(0);
  const timeline = useTimeline(entityKey, id, record ? record.version * 1000 + tick : null);
  const canWrite = can(ws, 'records.write');
  const { nameOf } = useUsers();

  // Set while the record's process start is still owed (the engine has not accepted it yet).
  const [startPending, setStartPending] = useState<string | null>(null);
  const loadEngine = useCallback(() => {
    if (!process) return;
    // Without a running engine (no Temporal, or no instance yet) the definition alone guides.
    api.processState(entityKey, id).then(
      (state) => {
        setEngine(state);
        setStartPending(null);
      },
      (e: unknown) => {
        setEngine(null);
        setStartPending(e instanceof ApiError && 'processStartPending' in e.extensions ? e.message : null);
      },
    );
  }, [process, entityKey, id]);
  useEffect(loadEngine, [loadEngine]);
  // Look again now and then: the page shows the process as soon as it starts.
  useEffect(() => {
    if (startPending === null) return;
    const timer = setInterval(loadEngine, START_PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [startPending, loadEngine]);
  useEffect(() => {
    if (record) setDraft(record.data);
  }, [record]);

  // The engine answers a move before its stage mirror has written the record (stage and version):
  // re-read the record until it shows the engine's stage, so that the form's stage overlay and the
  // version a save sends are not stale (a stale version would be refused as a conflict).
  const engineStage = engine?.currentStage?.nodeId;
  const [catchUps, setCatchUps] = useState(0);
  useEffect(() => setCatchUps(0), [engineStage]);
  const syncing =
    record !== null &&
    engineStage !== undefined &&
    engineStage !== record.stage &&
    catchUps < MIRROR_CATCH_UPS;
  useEffect(() => {
    if (!syncing) return;
    const timer = setTimeout(() => {
      setCatchUps((n) => n + 1);
      void reload();
    }, MIRROR_POLL_MS);
    return () => clearTimeout(timer);
  }, [syncing, catchUps, reload]);

  // While approvers decide elsewhere, follow the instance so the outcome shows without a reload.
  const awaitingApproval = (engine?.approvals?.length ?? 0) > 0;
  useEffect(() => {
    if (!awaitingApproval) return;
    const timer = setInterval(loadEngine, APPROVAL_POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingApproval, loadEngine]);

  if (!entity) return <div className="empty">No published entity “{entityKey}”.</div>;
  if (error && !record)
    return (
      <div className="banner banner-error" role="alert">
        {error}
      </div>
    );
  if (!record) return <div className="empty">Loading…</div>;

  const move = async (to: string, checked: string[]) => {
    setMoving(true);
    setRefusal(null);
    try {
      setEngine(await api.move(entityKey, id, to, checked));
      await reload();
    } catch (e) {
      setRefusal({
        message:
          e instanceof ApiError && e.status === 503
            ? 'The process engine is not available right now.'
            : errorMessage(e),
        reasons: e instanceof ApiError ? e.errors : [],
      });
    } finally {
      setMoving(false);
    }
  };

  return (
    <article className="page record-page" data-testid="record-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href={`#/list/${entityKey}`}>{pluralOf(entity)}</a> / <span>{titleOf(entity, record)}</span>
      </nav>
      <div className="page-head">
        <h1>{titleOf(entity, record)}</h1>
        <span className="muted small">
          <span data-testid="record-owner">Owner: {nameOf(record.ownerId)}</span> · Version {record.version} ·
          updated {new Date(record.updatedAt).toLocaleString()}
        </span>
      </div>
      {process && <StagePath process={process} current={engine?.currentStage?.nodeId ?? record.stage} />}
      <div className="record-grid">
        <div className="record-main">
          {startPending && (
            <div className="banner" role="status" data-testid="start-pending">
              {startPending}
            </div>
          )}
          {engine && (
            <FailedSteps
              process={ws.processes.find((p) => p.key === engine.processKey)}
              workflowId={engine.workflowId}
              steps={engine.failedSteps ?? []}
              canRepair={can(ws, 'users.manage')}
              onResolved={() => {
                // The retry runs in the engine: look again once it has had a moment.
                loadEngine();
                setTimeout(loadEngine, STEP_RETRY_RELOAD_MS);
              }}
            />
          )}
          {process && (
            <StagePanel
              process={process}
              entity={entity}
              record={record}
              draft={draft}
              related={relatedData}
              engine={engine}
              canWrite={canWrite}
              moving={moving}
              refusal={refusal}
              onMove={(to, checked) => void move(to, checked)}
            />
          )}
          {form ? (
            <RecordForm
              entity={entity}
              form={form}
              record={record}
              related={relatedData}
              choices={choices}
              readOnly={!canWrite}
              onSaved={(saved) => {
                setRecord(saved);
                loadEngine();
              }}
              onReload={reload}
              onDraftChange={setDraft}
              stage={engineStage ?? record.stage}
              syncing={syncing}
            />
          ) : (
            <div className="card muted">No form is published for {entity.label}.</div>
          )}
          <Timeline entries={timeline} entity={entityKey} id={id} onCommented={() => setTick((t) => t + 1)} />
        </div>
        <aside className="record-side">
          {canWrite && (
            <LogActivity
              entity={entityKey}
              id={id}
              onLogged={() => {
                setTick((t) => t + 1);
                void reload();
                loadEngine();
              }}
            />
          )}
          {canWrite && (
            <MailPanel
              entity={entityKey}
              id={id}
              version={record.version}
              onSent={() => setTick((t) => t + 1)}
            />
          )}
          <RelatedRecords entity={entity} id={id} outbound={related} />
        </aside>
      </div>
    </article>
  );
}
