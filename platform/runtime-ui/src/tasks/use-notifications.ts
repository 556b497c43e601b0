// The signed-in user's in-app notifications (the process engine's reminders, alerts and
// escalations). Every screen showing them reloads when one of them marks a notification read.
import { useCallback, useEffect, useState } from 'react';
import type { NotificationView } from '@crm/definitions';
import { collaborationApi } from '../api/collaboration-api';
import { errorMessage } from '../api/client';

const CHANGED = 'crm:notifications-changed';
/** How often the header asks for new reminders while the app is open. */
const POLL_MS = 60_000;

/** `enabled: false` loads nothing (e.g. a closed panel), so the page's first requests are the work's. */
export function useNotifications(options: {
  unreadOnly: boolean;
  limit: number;
  poll?: boolean;
  enabled?: boolean;
}) {
  const { unreadOnly, limit, poll = false, enabled = true } = options;
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      collaborationApi.notifications({ unread: unreadOnly, limit }).then(
        (r) => {
          setItems(r.items);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      ),
    [unreadOnly, limit],
  );
  useEffect(() => {
    if (!enabled) return;
    void reload();
    const onChange = () => void reload();
    window.addEventListener(CHANGED, onChange);
    window.addEventListener('focus', onChange);
    const timer = poll ? window.setInterval(onChange, POLL_MS) : undefined;
    return () => {
      window.removeEventListener(CHANGED, onChange);
      window.removeEventListener('focus', onChange);
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [reload, poll, enabled]);

  const markRead = useCallback(async (ids: string[]) => {
    try {
      for (const id of ids) await collaborationApi.markRead(id);
    } catch (e) {
      setError(errorMessage(e));
    }
    window.dispatchEvent(new Event(CHANGED));
  }, []);

  return { items, error, reload, markRead };
}
