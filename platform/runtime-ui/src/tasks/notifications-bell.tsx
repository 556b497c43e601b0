// The bell in the top bar: how many notifications are unread, and a panel listing the recent ones
// with a link to their record and "mark read". Escape or a click elsewhere closes it.
import { useEffect, useId, useRef, useState } from 'react';
import { formatDate } from '../shared/format';
import { recordHref } from '../shared/route';
import { useNotifications } from './use-notifications';

export function NotificationsBell() {
  const unread = useNotifications({ unreadOnly: true, limit: 200, poll: true });
  const [open, setOpen] = useState(false);
  const recent = useNotifications({ unreadOnly: false, limit: 30, enabled: open });
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const count = unread.items?.length ?? 0;

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    // On the document, not the panel: a "Mark read" button disappears once used, taking the focus with it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const unreadIds = (unread.items ?? []).map((n) => n.id);
  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost bell-button"
        aria-label={count > 0 ? `Notifications, ${count} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <svg
          aria-hidden
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && (
          <span className="bell-count" aria-hidden data-testid="unread-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="bell-panel" role="region" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            {count > 0 && (
              <button type="button" className="btn btn-xs" onClick={() => void unread.markRead(unreadIds)}>
                Mark all read
              </button>
            )}
          </div>
          {(recent.error ?? unread.error) && (
            <p className="form-error" role="alert">
              {recent.error ?? unread.error}
            </p>
          )}
          {recent.items && recent.items.length === 0 ? (
            <p className="muted bell-item">No notifications yet.</p>
          ) : (
            <ul className="bell-list">
              {(recent.items ?? []).map((n) => (
                <li key={n.id} className={`bell-item${n.readAt ? '' : ' is-unread'}`}>
                  <div>
                    <div>{n.message}</div>
                    <div className="muted small">
                      {formatDate(n.createdAt, true)}
                      {n.recordId && n.entity && (
                        <>
                          {' · '}
                          <a href={recordHref(n.entity, n.recordId)} onClick={() => setOpen(false)}>
                            Open record
                          </a>
                        </>
                      )}
                    </div>
                  </div>
                  {!n.readAt && (
                    <button
                      type="button"
                      className="btn btn-xs"
                      aria-label={`Mark read: ${n.message}`}
                      onClick={() => void unread.markRead([n.id])}
                    >
                      Mark read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
