// Forms: sections, tabs and columns laid out by drag and drop, section rules, and a live preview
// rendered by the runtime UI's own form renderer against a sample record.
import { useEffect, useMemo, useState } from 'react';
import {
  validateDefinition,
  type EntityDefinition,
  type FormDefinition,
  type FormRule,
  type FormSection,
} from '@crm/definitions';
import { FormRenderer } from '@crm/runtime-ui/forms';
import { api } from '../api/definitions-api';
import { errorMessage } from '@crm/runtime-ui/ui';
import { validationContext, type Workspace } from '../shared/workspace';
import { ConditionBuilder } from '../process/panels/condition-builder';

const DRAG = 'application/x-crm-form-field';

function RulesEditor({
  rules,
  stages,
  onChange,
  ctx,
}: {
  rules: FormRule[];
  stages: { id: string; label: string }[];
  onChange(r: FormRule[]): void;
  ctx: { entity: EntityDefinition | undefined; entities: readonly EntityDefinition[] };
}) {
  return (
    <div className="list-editor">
      {rules.map((rule, i) => (
        <div key={i} className="rule-card">
          <div className="row gap">
            <select
              className="input input-sm"
              aria-label="Rule effect"
              value={rule.effect}
              onChange={(e) =>
                onChange(
                  rules.map((r, j) => (j === i ? { ...r, effect: e.target.value as FormRule['effect'] } : r)),
                )
              }
            >
              <option value="show">Show</option>
              <option value="hide">Hide</option>
              <option value="require">Require</option>
              <option value="lock">Lock</option>
            </select>
            <select
              multiple
              className="input input-sm"
              aria-label="In stages"
              value={rule.stages ?? []}
              onChange={(e) => {
                const chosen = [...e.target.selectedOptions].map((o) => o.value);
                const { stages: _s, ...rest } = rule;
                onChange(
                  rules.map((r, j) => (j === i ? (chosen.length ? { ...rest, stages: chosen } : rest) : r)),
                );
              }}
            >
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="icon-btn"
              aria-label="Remove rule"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
          <ConditionBuilder
            value={rule.when}
            entity={ctx.entity}
            entities={ctx.entities}
            stages={stages}
            emptyLabel="+ Only when…"
            onChange={(c) => {
              const { when: _w, ...rest } = rule;
              onChange(rules.map((r, j) => (j === i ? (c ? { ...rest, when: c } : rest) : r)));
            }}
          />
        </div>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() => onChange([...rules, { effect: 'show' }])}
      >
        + Rule
      </button>
    </div>
  );
}

export function FormDesigner({ workspace, selectedKey }: { workspace: Workspace; selectedKey?: string }) {
  const initial = workspace.forms.find((f) => f.key === selectedKey) ?? workspace.forms[0];
  const [form, setForm] = useState<FormDefinition | undefined>(initial);
  const [sample, setSample] = useState<Record<string, unknown>>({});
  const [stage, setStage] = useState('');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setForm(initial), [initial]);
  const entity = workspace.entities.find((e) => e.key === form?.entity);
  const stages = useMemo(
    () =>
      workspace.processes
        .filter((p) => p.entity === form?.entity)
        .flatMap((p) =>
          p.nodes
            .filter((n) => n.type === 'stage' || n.type === 'end')
            .map((n) => ({ id: n.id, label: `${n.label}` })),
        ),
    [workspace.processes, form?.entity],
  );
  const errors = useMemo(
    () => (form ? validateDefinition('form', form, validationContext(workspace)) : []),
    [form, workspace],
  );
  if (!form)
    return (
      <div className="page">
        <h1>Forms</h1>
        <p className="muted">No forms yet.</p>
      </div>
    );
  const setSection = (i: number, s: FormSection) =>
    setForm({ ...form, sections: form.sections.map((x, j) => (j === i ? s : x)) });
  const used = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.field)));
  const moveField = (field: string, toSection: number) =>
    setForm({
      ...form,
      sections: form.sections.map((s, j) => {
        const existing = form.sections.flatMap((x) => x.fields).find((f) => f.field === field) ?? { field };
        const without = s.fields.filter((f) => f.field !== field);
        return j === toSection ? { ...s, fields: [...without, existing] } : { ...s, fields: without };
      }),
    });
  return (
    <div className="page form-page">
      <div className="page-head">
        <h1>Forms</h1>
        <div className="row gap">
          <select
            className="input"
            aria-label="Form"
            value={form.key}
            onChange={(e) => (window.location.hash = `#/forms/${e.target.value}`)}
          >
            {workspace.forms.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label} ({f.entity})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() =>
              void api.saveDraft('form', form.key, form).then(
                () => setNote('Draft saved.'),
                (e: unknown) => setNote(errorMessage(e)),
              )
            }
          >
            Save draft
          </button>
        </div>
      </div>
      {note && <div className="banner banner-ok">{note}</div>}
      {errors.length > 0 && (
        <ul className="problems">
          {errors.map((e, i) => (
            <li key={i} className="problem-static">
              {e.message}
            </li>
          ))}
        </ul>
      )}
      <div className="form-layout">
        <div className="form-editor">
          <div className="unused" onDragOver={(e) => e.preventDefault()}>
            <div className="panel-title">Fields not on the form</div>
            <div className="chips">
              {(entity?.fields ?? [])
                .filter((f) => !used.has(f.key))
                .map((f) => (
                  <span
                    key={f.key}
                    className="chip chip-drag"
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
                if (f) moveField(f, i);
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
                  onChange={(e) => setSection(i, { ...section, tab: e.target.value })}
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
              </div>
              <div className="chips">
                {section.fields.map((f) => (
                  <span
                    key={f.field}
                    className="chip chip-drag"
                    draggable
                    onDragStart={(e) => e.dataTransfer.setData(DRAG, f.field)}
                  >
                    {entity?.fields.find((x) => x.key === f.field)?.label ?? f.field}
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
              <details>
                <summary className="small">Rules ({section.rules?.length ?? 0})</summary>
                <RulesEditor
                  rules={section.rules ?? []}
                  stages={stages}
                  ctx={{ entity, entities: workspace.entities }}
                  onChange={(rules) => setSection(i, { ...section, rules })}
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
                sections: [
                  ...form.sections,
                  { id: `section_${form.sections.length + 1}`, label: 'New section', fields: [] },
                ],
              })
            }
          >
            + Section
          </button>
        </div>
        <div className="form-preview" data-testid="form-preview">
          <div className="row gap">
            <strong>Preview</strong>
            <select
              className="input input-sm"
              aria-label="Preview stage"
              value={stage}
              onChange={(e) => setStage(e.target.value)}
            >
              <option value="">No stage</option>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
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
