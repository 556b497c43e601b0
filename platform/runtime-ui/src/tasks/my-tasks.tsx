// My tasks: the processes' unread reminders, then open tasks (overdue first), overdue only, done.
import { useCallback, useEffect, useState } from 'react';
import type { TaskView } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { errorMessage } from '../api/client';
import { formatDate } from '../shared/format';
import { recordHref } from '../shared/route';
import { Reminders } from './reminders';
import { ErrorBanner } from '../shared/alerts';

type Tab = 'open' | 'overdue' | 'done';
const TABS: { id: Tab; label: string }[] = [
  { id: 'open', label: 'Due' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'done', label: 'Done' },
];

export function MyTasks() {
  const [tab, setTab] = useState<Tab>('open');
  const [items, setItems] = useState<TaskView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.tasks(tab).then(
      (r) => {
        setItems(
          [...r.items].sort(
            (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'),
          ),
        );
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [tab]);
  useEffect(load, [load]);
  const complete = async (id: string) => {
    try {
      await api.completeTask(id);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="page" data-testid="my-tasks">
      <div className="page-head">
        <h1>My tasks</h1>
      </div>
      <Reminders />
      <div className="tabs" role="tablist" aria-label="Task status">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <ErrorBanner message={error} />
      {items.length === 0 ? (
        <div className="empty">No tasks here.</div>
      ) : (
        <ul className="task-list">
          {items.map((t) => (
            <li key={t.id} className={`card task${t.overdue ? ' task-overdue' : ''}`}>
              <div className="task-main">
                <div className="tl-title">{t.title}</div>
                <div className="muted small">
                  {t.record && (
                    <>
                      <a href={recordHref(t.record.entity, t.record.id)}>{t.record.title}</a> ·{' '}
                    </>
                  )}
                  {t.dueAt ? `due ${formatDate(t.dueAt, true)}` : 'no due date'}
                  {t.overdue && <span className="badge badge-warn"> overdue</span>}
                  {t.blocking && <span className="badge"> the process waits for it</span>}
                </div>
                {t.description && <p className="small">{t.description}</p>}
              </div>
              {t.status !== 'done' ? (
                <button
                  type="button"
                  className="btn btn-secondary btn-sm"
                  onClick={() => void complete(t.id)}
                >
                  Mark done
                </button>
              ) : (
                <span className="muted small">done {formatDate(t.completedAt, true)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
