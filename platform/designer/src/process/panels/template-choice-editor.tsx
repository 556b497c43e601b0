// Which mail template a mail sends: one template, or a choice by condition (the first case that
// holds wins, e.g. one proposal per segment) with a fallback.
import type { TemplateCase, TemplateChoice, TemplateSelection } from '@crm/definitions';
import { mergeFieldPaths } from '@crm/definitions';
import { ConditionBuilder } from './condition-builder';
import { Field } from './inputs';
import type { PanelContext } from './panel-context';

export function TemplatePicker({
  value,
  ctx,
  onChange,
  label = 'Mail template',
  emptyLabel = '— choose a template —',
  preview = true,
}: {
  value: string;
  ctx: PanelContext;
  onChange(v: string): void;
  label?: string;
  emptyLabel?: string;
  /** The subject and merge fields of the chosen template (left out in the compact case lists). */
  preview?: boolean;
}) {
  const templates = ctx.templates.filter((t) => !ctx.entity || t.entity === ctx.entity.key);
  const chosen = templates.find((t) => t.key === value);
  const fields = chosen
    ? [...new Set([...mergeFieldPaths(chosen.subject), ...mergeFieldPaths(chosen.body)])]
    : [];
  return (
    <>
      <select className="input" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {value && !chosen && <option value={value}>{value} (unknown)</option>}
        {templates.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
      </select>
      {chosen && preview && (
        <div className="template-preview">
          <div className="muted small">Subject</div>
          <div>{chosen.subject}</div>
          <div className="muted small">Merge fields</div>
          <div className="chips">
            {fields.length ? (
              fields.map((f) => (
                <span key={f} className="chip chip-static">
                  {f}
                </span>
              ))
            ) : (
              <span className="muted">none</span>
            )}
          </div>
        </div>
      )}
    </>
  );
}

/** A new case starts from "the first field has a value", for the analyst to change. */
function newCase(template: string, ctx: PanelContext): TemplateCase {
  return { when: { field: ctx.entity?.fields[0]?.key ?? '$owner', op: 'isSet' }, template };
}

function toSelection(template: string, ctx: PanelContext): TemplateSelection {
  return {
    cases: [newCase(template, ctx)],
    ...(template ? { otherwise: template } : {}),
  };
}

function CaseEditor({
  item,
  index,
  count,
  ctx,
  name,
  onChange,
  onMove,
  onRemove,
}: {
  item: TemplateCase;
  index: number;
  count: number;
  ctx: PanelContext;
  name: string;
  onChange(c: TemplateCase): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const title = `${name} case ${index + 1}`;
  return (
    <div className="level-card" role="group" aria-label={title}>
      <div className="level-head">
        <strong>{index === 0 ? 'When' : 'Else when'}</strong>
        <span className="row">
          <button
            type="button"
            className="icon-btn"
            aria-label={`Move ${title} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Move ${title} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          {count > 1 && (
            <button type="button" className="icon-btn" aria-label={`Remove ${title}`} onClick={onRemove}>
              ×
            </button>
          )}
        </span>
      </div>
      <ConditionBuilder
        value={item.when}
        entity={ctx.entity}
        entities={ctx.entities}
        stages={ctx.stages}
        onChange={(when) => onChange({ ...item, when: when ?? { all: [] } })}
      />
      <Field label="Send">
        <TemplatePicker
          label={`${title} template`}
          preview={false}
          value={item.template}
          ctx={ctx}
          onChange={(template) => onChange({ ...item, template })}
        />
      </Field>
    </div>
  );
}

/** A template key, or a list of cases by condition with a fallback. */
export function TemplateChoiceEditor({
  value,
  ctx,
  onChange,
  name = 'Template',
}: {
  value: TemplateChoice;
  ctx: PanelContext;
  onChange(v: TemplateChoice): void;
  /** Prefixes the accessible names, so that several editors on one panel stay apart. */
  name?: string;
}) {
  const byCondition = typeof value !== 'string';
  const mode = (
    <select
      className="input input-sm"
      aria-label={`${name} choice`}
      value={byCondition ? 'cases' : 'one'}
      onChange={(e) => {
        if (e.target.value === 'cases' && typeof value === 'string') onChange(toSelection(value, ctx));
        if (e.target.value === 'one' && typeof value !== 'string')
          onChange(value.otherwise ?? value.cases[0]?.template ?? '');
      }}
    >
      <option value="one">Always the same template</option>
      <option value="cases">A template chosen by condition</option>
    </select>
  );
  if (typeof value === 'string')
    return (
      <div className="template-choice">
        {mode}
        <TemplatePicker
          label={`${name === 'Template' ? 'Mail' : name} template`}
          value={value}
          ctx={ctx}
          onChange={onChange}
        />
      </div>
    );
  const setCases = (cases: TemplateCase[]) => onChange({ ...value, cases });
  const move = (i: number, delta: -1 | 1) => {
    const next = [...value.cases];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + delta, 0, item);
    setCases(next);
  };
  return (
    <div className="template-choice">
      {mode}
      <p className="muted small">The first case that holds decides the template.</p>
      {value.cases.map((item, i) => (
        <CaseEditor
          key={i}
          item={item}
          index={i}
          count={value.cases.length}
          ctx={ctx}
          name={name}
          onChange={(c) => setCases(value.cases.map((x, j) => (j === i ? c : x)))}
          onMove={(delta) => move(i, delta)}
          onRemove={() => setCases(value.cases.filter((_, j) => j !== i))}
        />
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() => setCases([...value.cases, newCase('', ctx)])}
      >
        + Case
      </button>
      <Field label="Otherwise">
        <TemplatePicker
          label={`${name} otherwise`}
          emptyLabel="— send no mail —"
          preview={false}
          value={value.otherwise ?? ''}
          ctx={ctx}
          onChange={(otherwise) => {
            const { otherwise: _o, ...rest } = value;
            onChange(otherwise ? { ...rest, otherwise } : rest);
          }}
        />
      </Field>
    </div>
  );
}
