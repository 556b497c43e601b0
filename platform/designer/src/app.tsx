// The designer's shell: sign-in, navigation between the designers (hash routes, so that the
// platform's static serving needs no fallback), and the shared workspace of definitions.
import { useEffect, useState } from 'react';
import type { PublicUser } from '@crm/definitions';
import { api } from './api/definitions-api';
import { errorMessage, LoginScreen } from '@crm/runtime-ui/ui';
import { useWorkspace } from './shared/workspace';
import { ProcessDesigner } from './process/process-designer';
import { ProcessList } from './process/process-list';
import { EntityDesigner } from './entity/entity-designer';
import { FormDesigner } from './form/form-designer';
import { MailDesigner } from './mail/mail-designer';

type Route =
  | { page: 'processes' }
  | { page: 'process'; key: string }
  | { page: 'entities'; key?: string }
  | { page: 'forms'; key?: string }
  | { page: 'mail'; key?: string };

function parseRoute(hash: string): Route {
  const [page, key] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (page === 'process' && key) return { page: 'process', key };
  if (page === 'entities') return key ? { page: 'entities', key } : { page: 'entities' };
  if (page === 'forms') return key ? { page: 'forms', key } : { page: 'forms' };
  if (page === 'mail') return key ? { page: 'mail', key } : { page: 'mail' };
  return { page: 'processes' };
}

export function navigate(path: string): void {
  window.location.hash = path;
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const listener = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
  return route;
}

function Shell({ user, onLogout }: { user: PublicUser; onLogout(): void }) {
  const route = useRoute();
  const { workspace, error, reload } = useWorkspace();
  const tab = route.page === 'process' ? 'processes' : route.page;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>{' '}
          CRM Designer
        </div>
        <nav className="topnav" aria-label="Designers">
          <a href="#/processes" aria-current={tab === 'processes' ? 'page' : undefined}>
            Processes
          </a>
          <a href="#/entities" aria-current={tab === 'entities' ? 'page' : undefined}>
            Entities
          </a>
          <a href="#/forms" aria-current={tab === 'forms' ? 'page' : undefined}>
            Forms
          </a>
          <a href="#/mail" aria-current={tab === 'mail' ? 'page' : undefined}>
            Mail templates
          </a>
        </nav>
        <div className="topbar-user">
          <span>
            {user.name} · {user.role}
          </span>
          <button type="button" className="btn btn-ghost" onClick={onLogout}>
            Sign out
          </button>
        </div>
      </header>
      <main className="main">
        {error && (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        )}
        {!workspace ? (
          <div className="empty">Loading definitions…</div>
        ) : route.page === 'process' ? (
          <ProcessDesigner key={route.key} processKey={route.key} workspace={workspace} onSaved={reload} />
        ) : route.page === 'entities' ? (
          <EntityDesigner workspace={workspace} selectedKey={route.key} onSaved={reload} />
        ) : route.page === 'forms' ? (
          <FormDesigner workspace={workspace} selectedKey={route.key} onSaved={reload} />
        ) : route.page === 'mail' ? (
          <MailDesigner workspace={workspace} selectedKey={route.key} onSaved={reload} />
        ) : (
          <ProcessList workspace={workspace} onChanged={reload} />
        )}
      </main>
    </div>
  );
}

export function App() {
  const [user, setUser] = useState<PublicUser | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.me().then(setUser, (e: unknown) => {
      setError(errorMessage(e));
      setUser(null);
    });
  }, []);
  if (user === undefined) return <div className="empty">Loading…</div>;
  if (!user)
    return (
      <LoginScreen
        title="CRM Designer"
        intro="Sign in as an analyst or administrator to design entities, forms and processes."
        initialError={error}
        onSignedIn={setUser}
      />
    );
  return (
    <Shell
      user={user}
      onLogout={() => {
        void api.logout().finally(() => setUser(null));
      }}
    />
  );
}
