// One mail template: subject and body with merge fields picked from the entity, its related records
// and the owner; a preview rendered against a sample record by the outbox's own renderer; the gate;
// live validation with the shared rules; draft and publish.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { validateDefinition, type MailTemplateDefinition } from '@crm/definitions';
import { DraftBar } from '../shared/draft-bar';
import { useDefinitionDraft } from '../shared/use-definition-draft';
import { validationContext, type Workspace } from '../shared/workspace';
import { MailGateEditor } from './mail-gate-editor';
import { MailPreviewPane } from './mail-preview-pane';
import { MergeFieldPicker } from './merge-field-picker';
import { insertAtCursor, mergeToken } from './merge-fields';

type Part = 'subject' | 'body';

export function MailTemplateEditor({
  initial,
  workspace,
  onSaved,
}: {
  initial: MailTemplateDefinition;
  workspace: Workspace;
  onSaved(): Promise<void>;
}) {
  const draft = useDefinitionDraft('mailTemplate', initial, onSaved);
  const template = draft.value;
  const set = draft.set;
  const entity = workspace.entities.find((e) => e.key === template.entity);
  const [part, setPart] = useState<Part>('body');
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<{ part: Part; at: number } | null>(null);

  const stages = useMemo(
    () =>
      workspace.processes
        .filter((p) => p.entity === template.entity)
        .flatMap((p) =>
          p.nodes
            .filter((n) => n.type === 'stage' || n.type === 'end')
            .map((n) => ({ id: n.id, label: n.label })),
        ),
    [workspace.processes, template.entity],
  );
  const problems = useMemo(
    () => validateDefinition('mailTemplate', template, validationContext(workspace)),
    [template, workspace],
  );

  // After an insertion, put the cursor right after the inserted field.
  useLayoutEffect(() => {
    const pending = caret.current;
    if (!pending) return;
    caret.current = null;
    const el = pending.part === 'subject' ? subjectRef.current : bodyRef.current;
    el?.focus();
    el?.setSelectionRange(pending.at, pending.at);
  });

  const insert = (path: string) => {
    const el = part === 'subject' ? subjectRef.current : bodyRef.current;
    const text = template[part];
    const result = insertAtCursor(
      text,
      el?.selectionStart ?? text.length,
      el?.selectionEnd ?? text.length,
      mergeToken(path),
    );
    caret.current = { part, at: result.caret };
    set({ ...template, [part]: result.text });
  };

  return (
    <div className="card mail-editor" data-testid="mail-editor">
      <div className="page-head">
        <h2>
          {template.label} <code>{template.key}</code>
        </h2>
      </div>
      <DraftBar
        kind="mailTemplate"
        draft={draft}
        problems={problems}
        isPublished={workspace.published.mailTemplate.has(template.key)}
        hasDraft={workspace.drafted.mailTemplate.has(template.key)}
      />
      <div className="mail-editor-grid">
        <div className="stack">
          <div className="row gap wrap">
            <label className="field">
              <span>Name</span>
              <input
                className="input input-sm"
                value={template.label}
                onChange={(e) => set({ ...template, label: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Entity</span>
              <select
                className="input input-sm"
                value={template.entity}
                onChange={(e) => set({ ...template, entity: e.target.value })}
              >
                {workspace.entities.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Category</span>
              <input
                className="input input-sm"
                placeholder="e.g. proposal"
                value={template.category ?? ''}
                onChange={(e) => {
                  const { category: _c, ...rest } = template;
                  set(e.target.value ? { ...rest, category: e.target.value } : rest);
                }}
              />
            </label>
            <label className="field">
              <span>Format</span>
              <select
                className="input input-sm"
                value={template.format}
                onChange={(e) => set({ ...template, format: e.target.value === 'text' ? 'text' : 'html' })}
              >
                <option value="html">Formatted (HTML)</option>
                <option value="text">Plain text</option>
              </select>
            </label>
          </div>
          <label className="field">
            <span>Subject</span>
            <input
              ref={subjectRef}
              className="input"
              aria-label="Subject"
              value={template.subject}
              onFocus={() => setPart('subject')}
              onChange={(e) => set({ ...template, subject: e.target.value })}
            />
          </label>
          {entity && (
            <MergeFieldPicker entity={entity} entities={workspace.entities} target={part} onPick={insert} />
          )}
          <label className="field">
            <span>Body{template.format === 'html' ? ' (HTML)' : ''}</span>
            <textarea
              ref={bodyRef}
              className="input mail-body"
              aria-label="Body"
              value={template.body}
              onFocus={() => setPart('body')}
              onChange={(e) => set({ ...template, body: e.target.value })}
            />
          </label>
          <MailGateEditor
            template={template}
            entity={entity}
            entities={workspace.entities}
            stages={stages}
            onChange={set}
          />
        </div>
        <MailPreviewPane template={template} entity={entity} entities={workspace.entities} stages={stages} />
      </div>
    </div>
  );
}
