// The record's history in one list: stage changes, logged activities, mails, approvals, tasks and
// the automation's steps, newest first. Each source loads on its own: one failing hides only itself.
import { useEffect, useState } from 'react';
import { api } from '../api/runtime-api';
import { entityOf, useWorkspace } from '../shared/definitions';
import { formatDate, optionLabel } from '../shared/format';

export interface TimelineEntry {
  id: string;
  at: string;
  kind: 'stage' | 'activity' | 'mail' | 'approval' | 'task' | 'automation';
  title: string;
  detail?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function useTimeline(entity: string, id: string, version: number) {
  const ws = useWorkspace();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  useEffect(() => {
    // The activity entity's formal lists name the logged types, topics and results.
    const activity = entityOf(ws, 'activity');
    const label = (key: string, value: string | null) =>
      value === null
        ? ''
        : optionLabel(
            activity?.fields.find((f) => f.key === key),
            value,
          );
    let cancelled = false;
    void Promise.allSettled([
      api.audit(entity, id).then((r) =>
        r.items
          .filter((a) => a.action === 'record.stage' && isObject(a.after))
          .map((a): TimelineEntry => {
            const after = a.after as Record<string, unknown>;
            return {
              id: a.id,
              at: a.at,
              kind: 'stage',
              title: `Moved to ${String(after.stageLabel ?? after.stage)}`,
            };
          }),
      ),
      api.activities(entity, id).then((r) =>
        r.items.map((a): TimelineEntry => ({
          id: a.id,
          at: a.occurredAt,
          kind: 'activity',
          title: [label('type', a.type), label('topic', a.topic)].filter(Boolean).join(' · '),
          detail: [
            a.result ? `Result: ${label('result', a.result)}` : '',
            a.participants.length ? `With ${a.participants.join(', ')}` : '',
            a.notes ?? '',
          ]
            .filter(Boolean)
            .join(' — '),
        })),
      ),
      api.mails(entity, id).then((r) =>
        r.items.map((m): TimelineEntry => ({
          id: m.id,
          at: m.sentAt ?? m.createdAt,
          kind: 'mail',
          title: `Mail: ${m.subject ?? m.template ?? ''}`,
          detail: `${m.status}${m.to.length ? ` to ${m.to.map((t) => t.address ?? t.name).join(', ')}` : ''}${m.reason ? ` (${m.reason})` : ''}`,
        })),
      ),
      api.recordApprovals(entity, id).then((r) =>
        r.items.map((a): TimelineEntry => ({
          id: a.id,
          at: a.decision?.at ?? a.requestedAt,
          kind: 'approval',
          title: `${a.nodeLabel} · ${a.level.label}: ${a.status}`,
          detail: [
            a.reason,
            a.decision?.byName ? `by ${a.decision.byName}` : '',
            a.decision?.comment ? `“${a.decision.comment}”` : '',
          ]
            .filter(Boolean)
            .join(' — '),
        })),
      ),
      api.recordTasks(entity, id).then((r) =>
        r.items.map((t): TimelineEntry => ({
          id: t.id,
          at: t.completedAt ?? t.createdAt,
          kind: 'task',
          title: `Task: ${t.title}`,
          detail: `${t.status}${t.dueAt ? ` · due ${formatDate(t.dueAt, true)}` : ''}${t.assignee.userName ? ` · ${t.assignee.userName}` : ''}`,
        })),
      ),
      api.automation(entity, id).then((r) =>
        r.items.map((a): TimelineEntry => ({
          id: a.id,
          at: a.at,
          kind: 'automation',
          title: `Automation: ${a.step}`,
          detail: a.error ? `${a.status}: ${a.error}` : a.status,
        })),
      ),
    ]).then((results) => {
      if (cancelled) return;
      const all = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      setEntries(all.sort((a, b) => b.at.localeCompare(a.at)));
    });
    return () => {
      cancelled = true;
    };
  }, [entity, id, version, ws]);
  return entries;
}

const ICONS: Record<TimelineEntry['kind'], string> = {
  stage: '➜',
  activity: '☎',
  mail: '✉',
  approval: '✔',
  task: '☐',
  automation: '⚙',
};

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section className="card" aria-label="Timeline">
      <h2>Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e) => (
            <li key={`${e.kind}-${e.id}`} className={`tl tl-${e.kind}`}>
              <span className="tl-icon" aria-hidden>
                {ICONS[e.kind]}
              </span>
              <div>
                <div className="tl-title">{e.title}</div>
                {e.detail && <div className="tl-detail">{e.detail}</div>}
                <time className="tl-time" dateTime={e.at}>
                  {formatDate(e.at, true)}
                </time>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
