// One form's editor: sections, tabs and columns laid out by drag and drop, section rules, a live
// preview rendered by the runtime UI's own form renderer against a sample record, and the draft
// bar (validation with the shared rules, save, publish).
import { useMemo, useState } from 'react';
import { validateDefinition, type FormDefinition, type FormSection } from '@crm/definitions';
import { FormRenderer } from '@crm/runtime-ui/forms';
import { DraftBar } from '../shared/draft-bar';
import { useDefinitionDraft } from '../shared/use-definition-draft';
import { validationContext, type Workspace } from '../shared/workspace';
import { sampleRecord } from '../mail/sample-record';
import { FormFieldSettings } from './form-field-settings';
import { RulesEditor } from './form-rules-editor';
import { StagePicker } from '../shared/stage-picker';

const DRAG = 'application/x-crm-form-field';

/** Moves a field (from wherever it is, or from the unused list) to the end of a section. */
export function moveField(form: FormDefinition, field: string, toSection: number): FormDefinition {
  const existing = form.sections.flatMap((x) => x.fields).find((f) => f.field === field) ?? { field };
  return {
    ...form,
    sections: form.sections.map((s, j) => {
      const without = s.fields.filter((f) => f.field !== field);
      return j === toSection ? { ...s, fields: [...without, existing] } : { ...s, fields: without };
    }),
  };
}

export function FormEditor({
  initial,
  workspace,
  onSaved,
}: {
  initial: FormDefinition;
  workspace: Workspace;
  onSaved(): Promise<void>;
}) {
  const draft = useDefinitionDraft('form', initial, onSaved);
  const form = draft.value;
  const setForm = draft.set;
  const entity = workspace.entities.find((e) => e.key === form.entity);
  const [sample, setSample] = useState<Record<string, unknown>>(() =>
    entity ? sampleRecord(entity, workspace.entities).data : {},
  );
  const [stage, setStage] = useState('');
  // The placed field whose settings are open (section id and field path).
  const [open, setOpen] = useState<{ section: string; field: string } | null>(null);
  const stages = useMemo(
    () =>
      workspace.processes
        .filter((p) => p.entity === form.entity)
        .flatMap((p) =>
          p.nodes
            .filter((n) => n.type === 'stage' || n.type === 'end')
            .map((n) => ({ id: n.id, label: n.label })),
        ),
    [workspace.processes, form.entity],
  );
  const errors = useMemo(
    () => validateDefinition('form', form, validationContext(workspace)),
    [form, workspace],
  );
  const setSection = (i: number, s: FormSection) =>
    setForm({ ...form, sections: form.sections.map((x, j) => (j === i ? s : x)) });
  const used = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.field)));
  return (
    <div className="form-editor-page" data-testid="form-editor">
      <DraftBar
        kind="form"
        draft={draft}
        problems={errors}
        isPublished={workspace.published.form.has(form.key)}
        hasDraft={workspace.drafted.form.has(form.key)}
      />
      <div className="form-layout">
        <div className="form-editor">
          <label className="field">
            <span>Form name</span>
            <input
              className="input input-sm"
              aria-label="Form name"
              value={form.label}
              onChange={(e) => setForm({ ...form, label: e.target.value })}
            />
          </label>
          <div className="unused" onDragOver={(e) => e.preventDefault()}>
            <div className="panel-title">Fields not on the form</div>
            <div className="chips">
              {(entity?.fields ?? [])
                .filter((f) => !used.has(f.key))
                .map((f) => (
                  <span
                    key={f.key}
                    className="chip chip-drag"
                    data-field={f.key}
                    draggable
                    onDragStart={(e) => e.dataTransfer.setData(DRAG, f.key)}
                  >
                    {f.label}
                  </span>
                ))}
            </div>
          </div>
          {form.sections.map((section, i) => (
            <div
              key={section.id}
              className="section-card"
              data-section={section.id}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                const f = e.dataTransfer.getData(DRAG);
                if (f) setForm(moveField(form, f, i));
              }}
            >
              <div className="row gap wrap">
                <input
                  className="input input-sm"
                  aria-label="Section name"
                  value={section.label}
                  onChange={(e) => setSection(i, { ...section, label: e.target.value })}
                />
                <input
                  className="input input-sm"
                  aria-label="Tab"
                  placeholder="Tab"
                  value={section.tab ?? ''}
                  onChange={(e) => {
                    const { tab: _t, ...rest } = section;
                    setSection(i, e.target.value ? { ...rest, tab: e.target.value } : rest);
                  }}
                />
                <select
                  className="input input-sm"
                  aria-label="Columns"
                  value={section.columns ?? 1}
                  onChange={(e) => setSection(i, { ...section, columns: Number(e.target.value) })}
                >
                  {[1, 2, 3, 4].map((n) => (
                    <option key={n} value={n}>
                      {n} column{n > 1 ? 's' : ''}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Remove section ${section.label}`}
                  onClick={() => setForm({ ...form, sections: form.sections.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </div>
              <div className="chips">
                {section.fields.map((f) => (
                  <span
                    key={f.field}
                    className="chip chip-drag"
                    data-field={f.field}
                    draggable
                    onDragStart={(e) => e.dataTransfer.setData(DRAG, f.field)}
                  >
                    <button
                      type="button"
                      className="chip-open"
                      aria-label={`Settings of ${f.field}`}
                      aria-expanded={open?.section === section.id && open.field === f.field}
                      onClick={() =>
                        setOpen(
                          open?.section === section.id && open.field === f.field
                            ? null
                            : { section: section.id, field: f.field },
                        )
                      }
                    >
                      {f.label ?? entity?.fields.find((x) => x.key === f.field)?.label ?? f.field}
                      {(f.rules?.length ?? 0) > 0 && <span className="chip-mark"> ·{f.rules?.length}</span>}
                    </button>
                    <button
                      type="button"
                      aria-label={`Remove ${f.field}`}
                      onClick={() =>
                        setSection(i, {
                          ...section,
                          fields: section.fields.filter((x) => x.field !== f.field),
                        })
                      }
                    >
                      ×
                    </button>
                  </span>
                ))}
              </div>
              {open?.section === section.id &&
                section.fields
                  .filter((f) => f.field === open.field)
                  .map((f) => (
                    <FormFieldSettings
                      key={f.field}
                      placed={f}
                      columns={section.columns ?? 1}
                      entity={entity}
                      entities={workspace.entities}
                      stages={stages}
                      onClose={() => setOpen(null)}
                      onChange={(next) =>
                        setSection(i, {
                          ...section,
                          fields: section.fields.map((x) => (x.field === f.field ? next : x)),
                        })
                      }
                    />
                  ))}
              <details>
                <summary className="small">Section rules ({section.rules?.length ?? 0})</summary>
                <RulesEditor
                  rules={section.rules ?? []}
                  stages={stages}
                  ctx={{ entity, entities: workspace.entities }}
                  onChange={(rules) => {
                    const { rules: _r, ...rest } = section;
                    setSection(i, rules.length ? { ...rest, rules } : rest);
                  }}
                />
              </details>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-ghost btn-xs"
            onClick={() =>
              setForm({
                ...form,
                sections: [...form.sections, { id: nextSectionId(form), label: 'New section', fields: [] }],
              })
            }
          >
            + Section
          </button>
        </div>
        <div className="form-preview" data-testid="form-preview">
          <div className="row gap">
            <strong>Preview</strong>
            <StagePicker stages={stages} value={stage} onChange={setStage} />
            <button
              type="button"
              className="btn btn-ghost btn-xs"
              onClick={() => setSample(entity ? sampleRecord(entity, workspace.entities).data : {})}
            >
              Sample values
            </button>
            <button type="button" className="btn btn-ghost btn-xs" onClick={() => setSample({})}>
              Empty record
            </button>
          </div>
          {entity ? (
            <FormRenderer
              form={form}
              entity={entity}
              value={sample}
              onChange={setSample}
              {...(stage ? { stage } : {})}
            />
          ) : (
            <p className="muted">Unknown entity.</p>
          )}
        </div>
      </div>
    </div>
  );
}

function nextSectionId(form: FormDefinition): string {
  const ids = new Set(form.sections.map((s) => s.id));
  let n = form.sections.length + 1;
  while (ids.has(`section_${n}`)) n += 1;
  return `section_${n}`;
}
