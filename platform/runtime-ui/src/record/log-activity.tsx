// Logging a communication: type, date, participants, topic and result. The lists come from the
// published `activity` entity when there is one (its formal lists); free text otherwise.
import { useState, type FormEvent } from 'react';
import type { ProblemEntry } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { entityOf, useWorkspace } from '../shared/definitions';

function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

export function LogActivity({ entity, id, onLogged }: { entity: string; id: string; onLogged(): void }) {
  const ws = useWorkspace();
  const activity = entityOf(ws, 'activity');
  const optionsOf = (key: string) => {
    const field = activity?.fields.find((f) => f.key === key);
    return field && (field.type === 'enum' || field.type === 'multiEnum') ? field.options : undefined;
  };
  const [type, setType] = useState(optionsOf('type')?.[0]?.value ?? '');
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [participants, setParticipants] = useState('');
  const [topic, setTopic] = useState('');
  const [result, setResult] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<readonly ProblemEntry[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (key: string) => errors.find((e) => e.field === key)?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await api.logActivity(entity, id, {
        type,
        occurredAt: new Date(occurredAt).toISOString(),
        participants: participants
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        ...(topic ? { topic } : {}),
        ...(result ? { result } : {}),
        ...(notes ? { notes } : {}),
      });
      setErrors([]);
      setTopic('');
      setResult('');
      setNotes('');
      setParticipants('');
      setMessage('Logged.');
      onLogged();
    } catch (error) {
      setErrors(error instanceof ApiError ? error.errors : []);
      setMessage(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const choice = (key: string, label: string, value: string, set: (v: string) => void, required: boolean) => {
    const options = optionsOf(key);
    return (
      <label className="field">
        <span>{label}</span>
        {options ? (
          <select className="input" value={value} onChange={(e) => set(e.target.value)} required={required}>
            {!required && <option value="">—</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input className="input" value={value} onChange={(e) => set(e.target.value)} required={required} />
        )}
        {fieldError(key) && <span className="form-error">{fieldError(key)}</span>}
      </label>
    );
  };

  return (
    <form className="card log-activity" aria-label="Log a communication" onSubmit={(e) => void submit(e)}>
      <h2>Log a communication</h2>
      <div className="grid-2">
        {choice('type', 'Type', type, setType, true)}
        {choice('topic', 'Topic', topic, setTopic, false)}
      </div>
      {choice('result', 'Result', result, setResult, false)}
      {/* A date-time input needs the panel's full width: in a half column it squeezed its neighbour. */}
      <label className="field">
        <span>Date</span>
        <input
          className="input"
          type="datetime-local"
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.target.value)}
          required
        />
        {fieldError('occurredAt') && <span className="form-error">{fieldError('occurredAt')}</span>}
      </label>
      <label className="field">
        <span>Participants (comma separated)</span>
        <input className="input" value={participants} onChange={(e) => setParticipants(e.target.value)} />
      </label>
      <label className="field">
        <span>Notes</span>
        <textarea className="input" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div className="row gap">
        <button type="submit" className="btn btn-primary" disabled={busy || !type}>
          {busy ? 'Logging…' : 'Log'}
        </button>
        {message && (
          <span className={errors.length || message !== 'Logged.' ? 'form-error' : 'muted'} role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
