// The runtime shell: sign-in, navigation generated from the published definitions (hash routes, so
// that the platform's static serving needs no fallback), and the screens.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { api, type Me, type PublishedSet, type PublicUser } from './api/runtime-api';
import { errorMessage } from './api/client';
import { LoginScreen } from './shared/login-screen';
import { can, pluralOf, WorkspaceContext, type Workspace } from './shared/definitions';
import { parseRoute, useRoute, type Route } from './shared/route';
import { RecordList } from './list/record-list';
import { RecordPage } from './record/record-page';
import { MyTasks } from './tasks/my-tasks';
import { NotificationsBell } from './tasks/notifications-bell';
import { ApprovalsInbox } from './approvals/approvals-inbox';
import { ApprovalLinkPage } from './approvals/approval-link-page';
import { AutomationProblemsPage } from './automation/automation-problems';
import { UsersProvider } from './shared/users';
import { useWorkCounters } from './shared/use-work-counters';

// The board and the dashboard carry the drag-and-drop and chart libraries: loaded when first
// opened, so the lists and record pages a rep works in start without parsing them.
const KanbanBoard = lazy(() => import('./kanban/kanban-board').then((m) => ({ default: m.KanbanBoard })));
const PipelineDashboard = lazy(() =>
  import('./dashboard/pipeline-dashboard').then((m) => ({ default: m.PipelineDashboard })),
);
const loading = <div className="empty">Loading…</div>;

function isActive(route: Route, href: string): boolean {
  const target = parseRoute(href);
  if (route.page === 'record' && target.page === 'list') return route.entity === target.entity;
  return JSON.stringify(route) === JSON.stringify(target);
}

/** A count beside a navigation entry: shown when above zero, read out with what it counts. */
interface Badge {
  count: number;
  /** What the count is, for screen readers ("3 open, 1 overdue"). */
  says: string;
  alert?: boolean;
}

function Navigation({ ws, route }: { ws: Workspace; route: Route }) {
  const counters = useWorkCounters();
  const link = (href: string, label: string, badge?: Badge) => {
    const shown = badge && badge.count > 0 ? badge : undefined;
    return (
      <a
        key={href}
        href={href}
        aria-current={isActive(route, href) ? 'page' : undefined}
        aria-label={shown ? `${label}, ${shown.says}` : undefined}
      >
        <span>{label}</span>
        {shown && (
          <span className={shown.alert ? 'nav-badge nav-badge-alert' : 'nav-badge'} aria-hidden>
            {shown.count > 99 ? '99+' : shown.count}
          </span>
        )}
      </a>
    );
  };
  const tasks = counters?.tasks;
  const tasksBadge: Badge | undefined = tasks && {
    count: tasks.open,
    says: tasks.overdue > 0 ? `${tasks.open} open, ${tasks.overdue} overdue` : `${tasks.open} open`,
    alert: tasks.overdue > 0,
  };
  const pending = counters?.approvals.pending ?? 0;
  const problems = counters?.automationProblems ?? 0;
  return (
    <nav className="sidenav" aria-label="Main">
      <div className="sidenav-group">
        <span className="sidenav-title">Work</span>
        {link('#/tasks', 'My tasks', tasksBadge)}
        {can(ws, 'approvals.decide') &&
          link('#/approvals', 'Approvals', { count: pending, says: `${pending} to decide` })}
        {ws.processes.map((p) => link(`#/dashboard/${p.key}`, `${p.label} dashboard`))}
      </div>
      <div className="sidenav-group">
        <span className="sidenav-title">Records</span>
        {ws.entities.map((e) => link(`#/list/${e.key}`, pluralOf(e)))}
      </div>
      {ws.processes.length > 0 && (
        <div className="sidenav-group">
          <span className="sidenav-title">Boards</span>
          {ws.processes.map((p) => link(`#/board/${p.key}`, p.label))}
        </div>
      )}
      {can(ws, 'users.manage') && (
        <div className="sidenav-group">
          <span className="sidenav-title">Administration</span>
          {link('#/automation', 'Automation problems', {
            count: problems,
            says: `${problems} waiting`,
            alert: true,
          })}
        </div>
      )}
    </nav>
  );
}

function Screen({ route, ws }: { route: Route; ws: Workspace }) {
  switch (route.page) {
    case 'list':
      return <RecordList key={route.entity} entityKey={route.entity} />;
    case 'record':
      return <RecordPage key={`${route.entity}/${route.id}`} entityKey={route.entity} id={route.id} />;
    case 'board':
      return (
        <Suspense fallback={loading}>
          <KanbanBoard key={route.process} processKey={route.process} />
        </Suspense>
      );
    case 'tasks':
      return <MyTasks />;
    case 'approvals':
      return <ApprovalsInbox />;
    case 'automation':
      return <AutomationProblemsPage />;
    case 'approvalLink':
      return <ApprovalLinkPage token={route.token} />;
    case 'dashboard':
      return (
        <Suspense fallback={loading}>
          <PipelineDashboard key={route.process} processKey={route.process} />
        </Suspense>
      );
    case 'home': {
      const first = ws.entities[0];
      return first ? (
        <RecordList entityKey={first.key} />
      ) : (
        <div className="empty">Nothing is published yet.</div>
      );
    }
    default:
      throw new Error(`unknown page ${(route satisfies never as { page: string }).page}`);
  }
}

function Shell({
  me,
  definitions,
  onLogout,
}: {
  me: Me;
  /** The definitions request started together with the session check, if any. */
  definitions: Promise<PublishedSet> | null;
  onLogout(): void;
}) {
  const route = useRoute();
  const [ws, setWs] = useState<Workspace | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (definitions ?? api.definitions()).then(
      (set) => setWs({ ...set, me }),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [me, definitions]);
  return (
    <div className="shell">
      <header className="topbar">
        <button
          type="button"
          className="skip-link"
          onClick={() => document.getElementById('main-content')?.focus()}
        >
          Skip to content
        </button>
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>{' '}
          CRM
        </div>
        <div className="topbar-user">
          <NotificationsBell />
          <span>
            {me.user.name} · {me.role}
          </span>
          <button type="button" className="btn btn-ghost" onClick={onLogout}>
            Sign out
          </button>
        </div>
      </header>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {!ws ? (
        <div className="empty">Loading…</div>
      ) : (
        <WorkspaceContext.Provider value={ws}>
          <div className="layout">
            <Navigation ws={ws} route={route} />
            <main className="content" id="main-content" tabIndex={-1}>
              <UsersProvider>
                <Screen route={route} ws={ws} />
              </UsersProvider>
            </main>
          </div>
        </WorkspaceContext.Provider>
      )}
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  // The definitions are asked for alongside the session, not after it: one round trip less before
  // the first screen. Signed out, that request fails quietly and the shell asks again after sign-in.
  const definitions = useRef<Promise<PublishedSet> | null>(null);
  const load = () => {
    definitions.current = api.definitions();
    definitions.current.catch(() => undefined);
    return api.me().then(setMe, (e: unknown) => {
      setError(e instanceof Error && /401|sign/i.test(e.message) ? null : errorMessage(e));
      setMe(null);
    });
  };
  // A mailed decision link works without a sign-in (the link is the approver's credential): the
  // session is asked for once the app itself is opened.
  const linkPage = route.page === 'approvalLink';
  useEffect(() => {
    if (!linkPage) void load();
  }, [linkPage]);
  if (route.page === 'approvalLink') return <ApprovalLinkPage key={route.token} token={route.token} />;
  if (me === undefined) return <div className="empty">Loading…</div>;
  if (!me)
    return (
      <LoginScreen
        initialError={error}
        onSignedIn={(_user: PublicUser) => {
          void load();
        }}
      />
    );
  return (
    <Shell
      me={me}
      definitions={definitions.current}
      onLogout={() => {
        void api.logout().finally(() => setMe(null));
      }}
    />
  );
}
