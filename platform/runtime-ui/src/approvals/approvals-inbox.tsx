// The approver's inbox: each request with the record's key facts and the rule that triggered it;
// approve or reject with a comment. Decided requests leave the inbox (see the "Decided" tab).
import { useCallback, useEffect, useState } from 'react';
import type { ApprovalView } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { useWorkspace } from '../shared/definitions';
import { useUsers } from '../shared/users';
import { formatDate, formatMoney, moneyAmount } from '../shared/format';
import { recordHref } from '../shared/route';
import { ErrorBanner, InlineError } from '../shared/alerts';

function fact(f: ApprovalView['record']['facts'][number]): string {
  if (f.type === 'money') {
    const amount = moneyAmount(f.value);
    const currency =
      typeof f.value === 'object' && f.value !== null && 'currency' in f.value
        ? String(f.value.currency)
        : undefined;
    return amount === undefined ? '—' : formatMoney(amount, currency);
  }
  if (f.type === 'percent') return `${String(f.value)} %`;
  return f.value === null || f.value === undefined ? '—' : String(f.value);
}

/**
 * One request with its facts and the decision form; `decide` sends the decision (the inbox's route,
 * or a mailed link's) and `onDone` follows it.
 */
export function ApprovalCard({
  item,
  decide: send,
  delegate,
  onDone,
}: {
  item: ApprovalView;
  decide(decision: 'approved' | 'rejected', comment: string): Promise<unknown>;
  /** Hands the decision to another user, where the process allows it (the inbox; not a mail link). */
  delegate?(toUserId: string): Promise<unknown>;
  onDone(): void;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approved' | 'rejected') => {
    if (decision === 'rejected' && item.requireCommentOnReject && comment.trim() === '') {
      setError('Say why you reject it.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(decision, comment.trim());
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card approval" data-testid="approval">
      <div className="approval-head">
        <div>
          <a className="tl-title" href={recordHref(item.record.entity, item.record.id)}>
            {item.record.title}
          </a>
          <div className="muted small">
            {item.nodeLabel} · {item.level.label}
            {item.record.stageLabel ? ` · ${item.record.stageLabel}` : ''}
            {item.record.owner?.name ? ` · owner ${item.record.owner.name}` : ''}
            {item.delegate ? ` · delegated to ${item.delegate.name ?? 'a colleague'}` : ''}
          </div>
        </div>
        <div className="muted small">
          requested {formatDate(item.requestedAt, true)}
          {item.deadline && (
            <div className={item.overdue ? 'form-error' : ''}>deadline {formatDate(item.deadline, true)}</div>
          )}
        </div>
      </div>
      {item.reason && <p className="rule">Why: {item.reason}</p>}
      {item.record.facts.length > 0 && (
        <dl className="facts">
          {item.record.facts.map((f) => (
            <div key={f.field}>
              <dt>{f.label}</dt>
              <dd>{fact(f)}</dd>
            </div>
          ))}
        </dl>
      )}
      {item.status === 'pending' ? (
        item.canDecide ? (
          <div className="decision">
            <label className="field">
              <span>Comment{item.requireCommentOnReject ? ' (required to reject)' : ''}</span>
              <textarea
                className="input"
                rows={2}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </label>
            <div className="row gap">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => void decide('approved')}
              >
                Approve
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-danger"
                disabled={busy}
                onClick={() => void decide('rejected')}
              >
                Reject
              </button>
              <InlineError message={error} />
            </div>
            {delegate && item.allowDelegation && <DelegateControl delegate={delegate} onDone={onDone} />}
          </div>
        ) : (
          <p className="muted small">Waiting for an earlier level or another approver.</p>
        )
      ) : (
        <p className="small">
          <span className={`badge ${item.status === 'approved' ? 'badge-ok' : 'badge-warn'}`}>
            {item.status}
          </span>{' '}
          {item.decision?.byName ? `by ${item.decision.byName}` : ''}{' '}
          {item.decision?.comment ? `— “${item.decision.comment}”` : ''}
        </p>
      )}
    </li>
  );
}

/**
 * "Delegate to …": any other active user; the server refuses, naming why, someone who may not decide
 * approvals or see the record.
 */
function DelegateControl({
  delegate,
  onDone,
}: {
  delegate(toUserId: string): Promise<unknown>;
  onDone(): void;
}) {
  const { users } = useUsers();
  const me = useWorkspace().me.user.id;
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = users.filter((user) => user.active && user.id !== me);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await delegate(to);
      setTo('');
      onDone();
    } catch (e) {
      setError(e instanceof ApiError && e.errors[0] ? e.errors[0].message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row gap wrap delegate">
      <label className="row gap small">
        <span>Delegate to</span>
        <select className="input" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Choose a colleague…</option>
          {candidates.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.role})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy || to === ''}
        onClick={() => void submit()}
      >
        Delegate
      </button>
      <InlineError message={error} />
    </div>
  );
}

export function ApprovalsInbox() {
  const [tab, setTab] = useState<'pending' | 'decided'>('pending');
  const [items, setItems] = useState<ApprovalView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.approvals(tab).then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [tab]);
  useEffect(load, [load]);
  return (
    <section className="page" data-testid="approvals">
      <div className="page-head">
        <h1>Approvals</h1>
        {/* Requests arrive from running processes (e.g. the next level after a decision): fetch them anew. */}
        <button type="button" className="btn btn-secondary" onClick={load}>
          Refresh
        </button>
      </div>
      <div className="tabs" role="tablist" aria-label="Approval status">
        {(['pending', 'decided'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {t === 'pending' ? 'Waiting for me' : 'Decided'}
          </button>
        ))}
      </div>
      <ErrorBanner message={error} />
      {items.length === 0 ? (
        <div className="empty">
          {tab === 'pending' ? 'Nothing waits for your decision.' : 'No decided requests yet.'}
        </div>
      ) : (
        <ul className="approval-list">
          {items.map((item) => (
            <ApprovalCard
              key={item.id}
              item={item}
              decide={(decision, comment) => api.decide(item.id, decision, comment)}
              delegate={(toUserId) => api.delegate(item.id, toUserId)}
              onDone={load}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
