// The navigation's badges: what waits for the signed-in user (open and overdue tasks, approvals to
// decide, automation problems for administrators). Asked for when the app opens, on every move to
// another screen, when the window regains focus, every minute, and after any change the user makes; the process acts on a change a
// moment later (a move creates its stage's tasks), so a change is followed by a second look.
import { useEffect, useState } from 'react';
import type { WorkCounters } from '@crm/definitions';
import { DATA_CHANGED } from '../api/client';
import { api } from '../api/runtime-api';

const POLL_MS = 60_000;
/** Coalesces a burst of changes (a form saving several things) into one request. */
const SETTLE_MS = 300;
/** When the process has usually done what a change set off. */
const FOLLOW_UP_MS = 3_000;

export function useWorkCounters(): WorkCounters | null {
  const [counters, setCounters] = useState<WorkCounters | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.counters().then(
        (next) => {
          if (live) setCounters(next);
        },
        // The badges are a hint: a failed refresh keeps the last figures; the lists say what failed.
        () => undefined,
      );
    const timers = new Set<number>();
    const later = (ms: number) => {
      const timer = window.setTimeout(() => {
        timers.delete(timer);
        void load();
      }, ms);
      timers.add(timer);
    };
    const onChange = () => {
      for (const timer of timers) window.clearTimeout(timer);
      timers.clear();
      later(SETTLE_MS);
      later(FOLLOW_UP_MS);
    };
    const onFocus = () => void load();
    void load();
    window.addEventListener(DATA_CHANGED, onChange);
    window.addEventListener('focus', onFocus);
    window.addEventListener('hashchange', onFocus);
    const poll = window.setInterval(onFocus, POLL_MS);
    return () => {
      live = false;
      window.removeEventListener(DATA_CHANGED, onChange);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('hashchange', onFocus);
      window.clearInterval(poll);
      for (const timer of timers) window.clearTimeout(timer);
    };
  }, []);
  return counters;
}
