// The record's mail templates: unlocked ones can be previewed and sent, locked ones say why.
import { useEffect, useState } from 'react';
import { api, type MailPreview, type TemplateAvailability } from '../api/runtime-api';
import { errorMessage } from '../api/client';

export function MailPanel({
  entity,
  id,
  version,
  onSent,
}: {
  entity: string;
  id: string;
  version: number;
  onSent(): void;
}) {
  const [templates, setTemplates] = useState<TemplateAvailability[]>([]);
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.templates(entity, id).then(
      (r) => setTemplates(r.items),
      () => setTemplates([]),
    );
  }, [entity, id, version]);

  if (templates.length === 0) return null;
  const open = async (key: string) => {
    setMessage(null);
    try {
      setPreview(await api.preview(entity, id, key));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const send = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const sent = await api.sendMail(entity, id, preview.template);
      setMessage(
        sent.status === 'skipped' ? `Not sent: ${sent.reason ?? 'skipped'}` : `Mail ${sent.status}.`,
      );
      setPreview(null);
      onSent();
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="Mail templates">
      <h2>Send a mail</h2>
      <ul className="template-list">
        {templates.map((t) => (
          <li key={t.key} className={t.unlocked ? '' : 'locked'}>
            <div>
              <div className="tl-title">{t.label}</div>
              {!t.unlocked && (
                <div className="muted small">Locked: {t.reason ?? 'Not available at this stage.'}</div>
              )}
            </div>
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              disabled={!t.unlocked}
              onClick={() => void open(t.key)}
            >
              Preview
            </button>
          </li>
        ))}
      </ul>
      {preview && (
        <div className="mail-preview" role="dialog" aria-label="Mail preview">
          <div className="mail-subject">{preview.subject}</div>
          {preview.html ? (
            <iframe title="Mail body" sandbox="" srcDoc={preview.html} className="mail-frame" />
          ) : (
            <pre className="mail-text">{preview.text}</pre>
          )}
          <div className="row gap">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send()}>
              {busy ? 'Sending…' : 'Send'}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
