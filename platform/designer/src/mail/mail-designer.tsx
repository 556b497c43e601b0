// Mail templates: the solution's templates by entity, a way to start one, and the editor.
import { useState, type FormEvent } from 'react';
import type { MailTemplateDefinition } from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { MailTemplateEditor } from './mail-template-editor';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

function keyFrom(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 63);
}

/** A new template: a subject and body that greet by the record's title field. */
export function newTemplate(
  key: string,
  label: string,
  entity: { key: string; titleField?: string; fields: { key: string }[] },
): MailTemplateDefinition {
  const title = entity.titleField ?? entity.fields[0]?.key ?? 'id';
  return {
    key,
    label,
    entity: entity.key,
    format: 'html',
    subject: `About {{${title}}}`,
    body: `<p>Hello,</p>\n<p>…</p>\n<p>Kind regards,<br>{{owner.name}}</p>`,
  };
}

export function MailDesigner({
  workspace,
  selectedKey,
  onSaved,
}: {
  workspace: Workspace;
  selectedKey?: string;
  onSaved(): Promise<void>;
}) {
  const [label, setLabel] = useState('');
  const [entityKey, setEntityKey] = useState(workspace.entities[0]?.key ?? '');
  const [created, setCreated] = useState<MailTemplateDefinition | null>(null);
  const [error, setError] = useState<string | null>(null);
  const templates = [
    ...workspace.mailTemplates,
    ...(created && !workspace.mailTemplates.some((t) => t.key === created.key) ? [created] : []),
  ];
  const selected = templates.find((t) => t.key === selectedKey);
  const byEntity = new Map<string, MailTemplateDefinition[]>();
  for (const t of templates) byEntity.set(t.entity, [...(byEntity.get(t.entity) ?? []), t]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const key = keyFrom(label);
    const entity = workspace.entities.find((x) => x.key === entityKey);
    if (!KEY.test(key)) return setError('Give the template a name that starts with a letter.');
    if (templates.some((t) => t.key === key)) return setError(`A template "${key}" exists already.`);
    if (!entity) return setError('Choose the entity the mail is about.');
    setError(null);
    setCreated(newTemplate(key, label.trim(), entity));
    setLabel('');
    window.location.hash = `#/mail/${key}`;
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Mail templates</h1>
        <form className="row gap" onSubmit={create}>
          <input
            className="input"
            aria-label="New template name"
            placeholder="New template name"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <select
            className="input"
            aria-label="New template entity"
            value={entityKey}
            onChange={(e) => setEntityKey(e.target.value)}
          >
            {workspace.entities.map((x) => (
              <option key={x.key} value={x.key}>
                {x.label}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-secondary">
            New template
          </button>
        </form>
      </div>
      {error && <div className="banner banner-error">{error}</div>}
      <div className="mail-page">
        <nav className="card mail-list" aria-label="Mail templates" data-testid="mail-list">
          {[...byEntity.entries()].map(([entity, list]) => (
            <div key={entity}>
              <h4>{workspace.entities.find((x) => x.key === entity)?.pluralLabel ?? entity}</h4>
              {list.map((t) => (
                <a
                  key={t.key}
                  href={`#/mail/${encodeURIComponent(t.key)}`}
                  aria-current={t.key === selectedKey ? 'page' : undefined}
                >
                  {t.label}
                  {workspace.drafted.mailTemplate.has(t.key) && <span className="muted small"> · draft</span>}
                </a>
              ))}
            </div>
          ))}
          {templates.length === 0 && <p className="muted">No templates yet.</p>}
        </nav>
        {selected ? (
          <MailTemplateEditor initial={selected} workspace={workspace} onSaved={onSaved} />
        ) : (
          <p className="muted">Choose a template on the left, or start a new one.</p>
        )}
      </div>
    </div>
  );
}
