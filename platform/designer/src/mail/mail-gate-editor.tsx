// When users may send a template by hand: in which stages, under which condition (the visual
// condition builder), and what they are told while it is locked.
import type { EntityDefinition, MailTemplateDefinition, TemplateGate } from '@crm/definitions';
import { ConditionBuilder } from '../process/panels/condition-builder';

/** The gate without empty parts; no gate at all when nothing is left. */
export function tidyGate(gate: TemplateGate): TemplateGate | undefined {
  const out: TemplateGate = {};
  if (gate.stages && gate.stages.length > 0) out.stages = gate.stages;
  if (gate.condition) out.condition = gate.condition;
  if (gate.message) out.message = gate.message;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function withGate(template: MailTemplateDefinition, gate: TemplateGate): MailTemplateDefinition {
  const { gate: _old, ...rest } = template;
  const tidy = tidyGate(gate);
  return tidy ? { ...rest, gate: tidy } : rest;
}

export function MailGateEditor({
  template,
  entity,
  entities,
  stages,
  onChange,
}: {
  template: MailTemplateDefinition;
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  stages: readonly { id: string; label: string }[];
  onChange(next: MailTemplateDefinition): void;
}) {
  const gate = template.gate ?? {};
  const chosen = new Set(gate.stages ?? []);
  return (
    <fieldset className="mail-gate" data-testid="mail-gate">
      <legend>When may users send it by hand?</legend>
      <div className="row gap wrap">
        <span className="small strong">Only in the stages</span>
        <span className="chips" role="group" aria-label="Gate stages">
          {stages.map((s) => (
            <label key={s.id} className="chip chip-check">
              <input
                type="checkbox"
                checked={chosen.has(s.id)}
                onChange={(e) => {
                  const next = e.target.checked
                    ? [...(gate.stages ?? []), s.id]
                    : (gate.stages ?? []).filter((x) => x !== s.id);
                  const { stages: _s, ...rest } = gate;
                  onChange(withGate(template, next.length ? { ...rest, stages: next } : rest));
                }}
              />
              {s.label}
            </label>
          ))}
          {stages.length === 0 && <span className="muted small">No process runs on this entity.</span>}
        </span>
        {chosen.size === 0 && <span className="muted small">(any stage)</span>}
      </div>
      <div>
        <span className="small strong">Only while</span>
        <ConditionBuilder
          value={gate.condition}
          entity={entity}
          entities={entities}
          stages={stages}
          emptyLabel="+ Only when…"
          onChange={(c) => {
            const { condition: _c, ...rest } = gate;
            onChange(withGate(template, c ? { ...rest, condition: c } : rest));
          }}
        />
      </div>
      <label className="field">
        <span>Message while locked</span>
        <input
          className="input input-sm"
          aria-label="Message while locked"
          placeholder="e.g. Complete the client card first."
          value={gate.message ?? ''}
          onChange={(e) => onChange(withGate(template, { ...gate, message: e.target.value }))}
        />
      </label>
    </fieldset>
  );
}
