// Renders a form definition for a record: tabs, sections in columns, a widget per field, the
// show/hide/require/lock rules by condition and stage, segment-dependent field groups, and the
// API's field-level errors next to the fields they concern. The record lives with the caller.
import { useId, useMemo, useState } from 'react';
import type { EntityDefinition, FormDefinition } from '@crm/definitions';
import { FieldWidget, type ChoiceOption } from './field-widget';
import { computeFormView, fieldErrorsByKey, type FormContext } from './form-view';
import './forms.css';

export interface FormRendererProps {
  form: FormDefinition;
  entity: EntityDefinition;
  value: Record<string, unknown>;
  onChange(next: Record<string, unknown>): void;
  stage?: string;
  related?: FormContext['related'];
  errors?: readonly { message: string; field?: string; pointer?: string }[];
  readOnly?: boolean;
  choices?: Record<string, readonly ChoiceOption[]>;
}

export function FormRenderer(props: FormRendererProps) {
  const { form, entity, value } = props;
  const uid = useId();
  const view = useMemo(
    () =>
      computeFormView(form, entity, {
        record: value,
        ...(props.related ? { related: props.related } : {}),
        ...(props.stage ? { stage: props.stage } : {}),
      }),
    [form, entity, value, props.related, props.stage],
  );
  const errors = useMemo(() => fieldErrorsByKey(props.errors), [props.errors]);
  const [chosenTab, setTab] = useState<string | undefined>(undefined);
  const tab = chosenTab && view.tabs.includes(chosenTab) ? chosenTab : view.tabs[0];
  const general = errors.get('') ?? [];

  return (
    <div className="crm-form" data-form={form.key}>
      {general.length > 0 && (
        <div className="crm-form-alert" role="alert">
          {general.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {view.tabs.length > 1 && (
        <div className="crm-tabs" role="tablist">
          {view.tabs.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === tab}
              className="crm-tab"
              onClick={() => setTab(t)}
            >
              {t}
            </button>
          ))}
        </div>
      )}
      {view.sections
        .filter((s) => s.visible && s.tab === tab)
        .map((section) => (
          <fieldset key={section.id} className="crm-section" data-section={section.id}>
            <legend>{section.label}</legend>
            {section.description && <p className="crm-section-description">{section.description}</p>}
            <div
              className="crm-grid"
              style={{ gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))` }}
            >
              {section.fields
                .filter((f) => f.visible)
                .map((f) => {
                  const id = `${uid}-${f.key}`;
                  const messages = errors.get(f.key) ?? [];
                  const describedBy =
                    messages.length > 0 ? `${id}-error` : f.helpText ? `${id}-help` : undefined;
                  const isCheckbox = f.field.type === 'boolean';
                  return (
                    <div
                      key={f.key}
                      className={`crm-field${messages.length ? ' crm-field-invalid' : ''}`}
                      style={{ gridColumn: `span ${f.span}` }}
                      data-field={f.key}
                    >
                      <label id={`${id}-label`} htmlFor={id} className="crm-label">
                        {f.label}
                        {f.required && (
                          <span className="crm-required" aria-label="required">
                            {' '}
                            *
                          </span>
                        )}
                        {f.locked && <span className="crm-locked"> (locked)</span>}
                      </label>
                      <div className={isCheckbox ? 'crm-checkbox-row' : undefined}>
                        <FieldWidget
                          id={id}
                          field={f.field}
                          value={value[f.key]}
                          disabled={props.readOnly === true || f.locked}
                          required={f.required}
                          invalid={messages.length > 0}
                          {...(describedBy ? { describedBy } : {})}
                          {...(props.choices?.[f.key] ? { choices: props.choices[f.key] } : {})}
                          onChange={(next) => {
                            const copy = { ...value };
                            if (next === undefined) delete copy[f.key];
                            else copy[f.key] = next;
                            props.onChange(copy);
                          }}
                        />
                      </div>
                      {f.helpText && messages.length === 0 && (
                        <p id={`${id}-help`} className="crm-help">
                          {f.helpText}
                        </p>
                      )}
                      {messages.map((m) => (
                        <p key={m} id={`${id}-error`} className="crm-error" role="alert">
                          {m}
                        </p>
                      ))}
                    </div>
                  );
                })}
            </div>
          </fieldset>
        ))}
    </div>
  );
}
