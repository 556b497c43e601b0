// The page a mailed decision link opens: the request with its facts, and Approve / Reject as the
// approver the link was mailed to, without signing in. Opening it decides nothing (mail scanners
// open links too); only the buttons do, with every check of the inbox.
import { useCallback, useEffect, useState } from 'react';
import type { ApprovalLinkView } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { ApprovalCard } from './approvals-inbox';

export function ApprovalLinkPage({ token }: { token: string }) {
  const [view, setView] = useState<ApprovalLinkView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.approvalLink(token).then(
      (answer) => {
        setView(answer);
        setError(null);
      },
      (e: unknown) =>
        setError(
          e instanceof ApiError && e.status === 404
            ? 'This approval link is not valid or has expired. Sign in to see your approvals.'
            : errorMessage(e),
        ),
    );
  }, [token]);
  useEffect(load, [load]);
  return (
    <div className="login-page">
      <section className="link-card" data-testid="approval-link" aria-labelledby="approval-link-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>{' '}
          CRM
        </div>
        <h1 id="approval-link-title">Approval request</h1>
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        {!view && !error && <div className="empty">Loading…</div>}
        {view && (
          <>
            <p className="muted">
              Deciding as <strong>{view.approver.name}</strong>.
            </p>
            <ul className="approval-list">
              <ApprovalCard
                item={view.approval}
                decide={(decision, comment) => api.decideByLink(token, decision, comment)}
                onDone={load}
              />
            </ul>
          </>
        )}
        <p className="small">
          <a href="#/approvals">Open the app</a>
        </p>
      </section>
    </div>
  );
}
