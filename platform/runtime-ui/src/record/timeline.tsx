// The record's timeline: an add-comment box, filters by kind, and the entries newest first. Long
// histories render their newest entries first and the rest on request, so a record with hundreds
// of entries is usable as soon as it is shown.
import { useEffect, useMemo, useState } from 'react';
import { collaborationApi } from '../api/collaboration-api';
import { ApiError, errorMessage } from '../api/client';
import { byNewest, commentEntry, type TimelineEntry, type TimelineKind } from './timeline-entries';

export { useTimeline, type TimelineEntry } from './timeline-entries';

/** Entries rendered before "Show all": enough for a screen or two, cheap to render. */
export const TIMELINE_PAGE = 50;
const COMMENT_MAX = 4000;

const ICONS: Record<TimelineKind, string> = {
  stage: '➜',
  activity: '☎',
  comment: '✎',
  mail: '✉',
  approval: '✔',
  task: '☐',
  automation: '⚙',
};

const KIND_LABELS: Record<TimelineKind, string> = {
  stage: 'Stages',
  activity: 'Activities',
  comment: 'Comments',
  mail: 'Mails',
  approval: 'Approvals',
  task: 'Tasks',
  automation: 'Automation',
};

// One formatter for every entry: building one per call costs more than the rest of a row.
const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function CommentBox({
  entity,
  id,
  onAdded,
}: {
  entity: string;
  id: string;
  onAdded(entry: TimelineEntry): void;
}) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (body.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(commentEntry(await collaborationApi.addComment(entity, id, body)));
      setBody('');
    } catch (e) {
      // What was typed stays in the box; the reason is shown under it.
      setError(e instanceof ApiError && e.errors[0] ? e.errors[0].message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="comment-form"
      aria-label="Add a comment"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="timeline-comment" className="visually-hidden">
        Comment
      </label>
      <textarea
        id="timeline-comment"
        className="input"
        placeholder="Add a comment… (Ctrl+Enter to post)"
        value={body}
        maxLength={COMMENT_MAX}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'timeline-comment-error' : undefined}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      {error && (
        <div id="timeline-comment-error" className="form-error" role="alert">
          {error}
        </div>
      )}
      <div className="row">
        <span className="muted small">
          {body.length > COMMENT_MAX - 500 ? `${COMMENT_MAX - body.length} characters left` : ''}
        </span>
        <button type="submit" className="btn btn-secondary btn-sm" disabled={busy || body.trim() === ''}>
          {busy ? 'Posting…' : 'Post comment'}
        </button>
      </div>
    </form>
  );
}

export function Timeline({
  entries,
  entity,
  id,
  onCommented,
}: {
  /** null while the entries load. */
  entries: TimelineEntry[] | null;
  /** With the record's entity and id, the timeline offers to add a comment. */
  entity?: string;
  id?: string;
  onCommented?(): void;
}) {
  const [added, setAdded] = useState<TimelineEntry[]>([]);
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');
  const [showAll, setShowAll] = useState(false);
  const all = useMemo(() => {
    const known = new Set(entries?.map((e) => `${e.kind}-${e.id}`));
    return [...added.filter((e) => !known.has(`${e.kind}-${e.id}`)), ...(entries ?? [])].sort(byNewest);
  }, [entries, added]);
  const counts = useMemo(() => {
    const out = new Map<TimelineKind, number>();
    for (const e of all) out.set(e.kind, (out.get(e.kind) ?? 0) + 1);
    return out;
  }, [all]);
  const shown = kind === 'all' ? all : all.filter((e) => e.kind === kind);
  const visible = showAll ? shown : shown.slice(0, TIMELINE_PAGE);
  const ready = entries !== null;

  useEffect(() => {
    // The timeline-at-scale measurement reads this mark (tests/e2e/timeline-scale.test.ts).
    if (ready) performance.mark('crm:timeline-ready');
  }, [ready]);

  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {entity !== undefined && id !== undefined && (
        <CommentBox
          entity={entity}
          id={id}
          onAdded={(entry) => {
            setAdded((previous) => [entry, ...previous]);
            onCommented?.();
          }}
        />
      )}
      {counts.size > 1 && (
        <div className="tl-filter" role="group" aria-label="Show in the timeline">
          <button
            type="button"
            className="btn btn-xs"
            aria-pressed={kind === 'all'}
            onClick={() => setKind('all')}
          >
            All ({all.length})
          </button>
          {[...counts.entries()].map(([k, n]) => (
            <button
              key={k}
              type="button"
              className="btn btn-xs"
              aria-pressed={kind === k}
              onClick={() => setKind(k)}
            >
              {KIND_LABELS[k]} ({n})
            </button>
          ))}
        </div>
      )}
      {!ready ? (
        <p className="muted">Loading the timeline…</p>
      ) : shown.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline" data-testid="timeline" data-count={shown.length}>
          {visible.map((e) => (
            <li key={`${e.kind}-${e.id}`} className={`tl tl-${e.kind}`}>
              <span className="tl-icon" aria-hidden>
                {ICONS[e.kind]}
              </span>
              <div>
                <div className="tl-title">{e.title}</div>
                {e.detail && <div className="tl-detail">{e.detail}</div>}
                <time className="tl-time" dateTime={e.at}>
                  {TIME.format(new Date(e.at))}
                </time>
              </div>
            </li>
          ))}
        </ol>
      )}
      {visible.length < shown.length && (
        <button type="button" className="btn btn-secondary btn-sm tl-more" onClick={() => setShowAll(true)}>
          Show all {shown.length} entries
        </button>
      )}
    </section>
  );
}
