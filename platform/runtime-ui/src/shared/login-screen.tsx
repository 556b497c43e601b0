import { useState, type FormEvent } from 'react';
import type { PublicUser } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { errorMessage } from '../api/client';

/** The sign-in page of both apps; each names itself and says who it is for (the runtime by default). */
export function LoginScreen({
  title = 'CRM',
  intro = 'Sign in to work on your pipeline, tasks and approvals.',
  initialError,
  onSignedIn,
}: {
  title?: string;
  intro?: string;
  initialError: string | null;
  onSignedIn(user: PublicUser): void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn((await api.login(email, password)).user);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>{' '}
          {title}
        </div>
        <p className="muted">{intro}</p>
        <label className="field">
          <span>E-mail</span>
          <input
            className="input"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
