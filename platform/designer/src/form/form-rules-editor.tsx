// Show/hide/require/lock rules of a form section, by condition (the visual condition builder)
// and by stage.
import type { EntityDefinition, FormRule } from '@crm/definitions';
import { ConditionBuilder } from '../process/panels/condition-builder';

export function RulesEditor({
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
