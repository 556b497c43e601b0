// The record's history from every source — stage changes, logged activities, comments, mails,
// approvals (with the approver's comment), tasks and automation steps — newest first, loaded in
// one request (GET /api/records/:entity/:id/timeline).
import { useEffect, useRef, useState } from 'react';
import type { RecordTimeline } from '@crm/definitions';
import { collaborationApi } from '../api/collaboration-api';
import { entityOf, useWorkspace } from '../shared/definitions';
import { formatDate, optionLabel } from '../shared/format';

export type TimelineKind = 'stage' | 'activity' | 'comment' | 'mail' | 'approval' | 'task' | 'automation';

export interface TimelineEntry {
  id: string;
  at: string;
  kind: TimelineKind;
  title: string;
  detail?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Newest first; ISO timestamps of the API sort as text. */
export function byNewest(a: TimelineEntry, b: TimelineEntry): number {
  return b.at.localeCompare(a.at);
}

/** The entries of every source, newest first; `label` names the activity entity's formal list values. */
export function timelineEntries(
  sources: RecordTimeline,
  label: (key: string, value: string | null) => string,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...sources.stages
      .filter((a) => isObject(a.after))
      .map((a): TimelineEntry => {
        const after = a.after as Record<string, unknown>;
        return {
          id: a.id,
          at: a.at,
          kind: 'stage',
          title: `Moved to ${String(after.stageLabel ?? after.stage)}`,
        };
      }),
    ...sources.activities.map((a): TimelineEntry => ({
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
    ...sources.comments.map(commentEntry),
    ...sources.mails.map((m): TimelineEntry => ({
      id: m.id,
      at: m.sentAt ?? m.createdAt,
      kind: 'mail',
      title: `Mail: ${m.subject ?? m.template ?? ''}`,
      detail: `${m.status}${m.to.length ? ` to ${m.to.map((t) => t.address ?? t.name).join(', ')}` : ''}${m.reason ? ` (${m.reason})` : ''}`,
    })),
    // Decided approvals carry the approver's comment.
    ...sources.approvals.map((a): TimelineEntry => ({
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
    ...sources.tasks.map((t): TimelineEntry => ({
      id: t.id,
      at: t.completedAt ?? t.createdAt,
      kind: 'task',
      title: `Task: ${t.title}`,
      detail: `${t.status}${t.dueAt ? ` · due ${formatDate(t.dueAt, true)}` : ''}${t.assignee.userName ? ` · ${t.assignee.userName}` : ''}`,
    })),
    ...sources.automation.map((a): TimelineEntry => ({
      id: a.id,
      at: a.at,
      kind: 'automation',
      title: `Automation: ${a.step}`,
      detail: a.error ? `${a.status}: ${a.error}` : a.status,
    })),
  ];
  return entries.sort(byNewest);
}

export function commentEntry(c: {
  id: string;
  createdAt: string;
  author: { name: string };
  body: string;
}): TimelineEntry {
  return { id: c.id, at: c.createdAt, kind: 'comment', title: `${c.author.name} commented`, detail: c.body };
}

/**
 * The timeline entries of a record, or null while they load. Loading starts at once, alongside
 * the record itself (`version` null while the record loads); later changes of `version` (a save,
 * a move, a logged activity) reload. The record's first version does not: the load that started
 * without it is already on its way.
 */
export function useTimeline(entity: string, id: string, version: number | null): TimelineEntry[] | null {
  const ws = useWorkspace();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const first = useRef<number | null>(null);
  if (first.current === null && version !== null) first.current = version;
  const refresh = version === null || version === first.current ? 0 : version;
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
    collaborationApi.timeline(entity, id).then(
      (sources) => {
        if (!cancelled) setEntries(timelineEntries(sources, label));
      },
      // The record page shows the record's own errors; an empty timeline is the honest fallback.
      () => {
        if (!cancelled) setEntries([]);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [entity, id, refresh, ws]);
  return entries;
}
