// Reminders on My tasks: the unread notifications the processes sent (idle deals, approvals due,
// escalations), each with its record and a way to dismiss it once dealt with.
import { formatDate } from '../shared/format';
import { recordHref } from '../shared/route';
import { useNotifications } from './use-notifications';

export function Reminders() {
  const { items, error, markRead } = useNotifications({ unreadOnly: true, limit: 50 });
  if (!error && (!items || items.length === 0)) return null;
  return (
    <section className="card reminders" aria-labelledby="reminders-heading" data-testid="reminders">
      <h2 id="reminders-heading">Reminders ({items?.length ?? 0})</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul>
        {(items ?? []).map((n) => (
          <li key={n.id}>
            <span>
              {n.message}{' '}
              <span className="muted small">
                {formatDate(n.createdAt, true)}
                {n.recordId && n.entity && (
                  <>
                    {' · '}
                    <a href={recordHref(n.entity, n.recordId)}>Open record</a>
                  </>
                )}
              </span>
            </span>
            <button
              type="button"
              className="btn btn-xs"
              aria-label={`Dismiss reminder: ${n.message}`}
              onClick={() => void markRead([n.id])}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
