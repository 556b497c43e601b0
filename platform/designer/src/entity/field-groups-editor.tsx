// Segment-dependent field groups: a set of fields that applies only while a choice field (e.g. the
// segment) has one of the chosen values. Other conditions are edited with the condition builder.
import type { EntityDefinition, FieldGroup } from '@crm/definitions';
import { ConditionBuilder } from '../process/panels/condition-builder';
import {
  addGroup,
  assignableFields,
  removeGroup,
  segmentFields,
  segmentRuleOf,
  setSegmentRule,
  toggleGroupField,
  updateGroup,
} from './field-groups';

function GroupCard({
  entity,
  entities,
  index,
  group,
  onChange,
}: {
  entity: EntityDefinition;
  entities: readonly EntityDefinition[];
  index: number;
  group: FieldGroup;
  onChange(next: EntityDefinition): void;
}) {
  const rule = segmentRuleOf(group.when);
  const switchField = rule ? entity.fields.find((f) => f.key === rule.field) : undefined;
  const choices = segmentFields(entity);
  // The group's own switch is in no group, so it is among the choices unless it is not an enum.
  const options = switchField && switchField.type === 'enum' ? switchField.options : [];
  const members = new Set(group.fields);
  return (
    <div className="group-card" data-group={group.key}>
      <div className="row gap wrap">
        <label className="field">
          <span>Group name</span>
          <input
            className="input input-sm"
            aria-label="Group name"
            value={group.label}
            onChange={(e) => onChange(updateGroup(entity, index, { ...group, label: e.target.value }))}
          />
        </label>
        <label className="field">
          <span>Key</span>
          <input
            className="input input-sm"
            aria-label="Group key"
            value={group.key}
            onChange={(e) => onChange(updateGroup(entity, index, { ...group, key: e.target.value }))}
          />
        </label>
        <span className="grow" />
        <button
          type="button"
          className="icon-btn"
          aria-label={`Remove group ${group.label}`}
          onClick={() => onChange(removeGroup(entity, index))}
        >
          ×
        </button>
      </div>
      <div className="group-when">
        <span className="small strong">Applies when</span>
        {rule ? (
          <>
            <select
              className="input input-sm"
              aria-label="Depends on field"
              value={rule.field}
              onChange={(e) => onChange(setSegmentRule(entity, index, { field: e.target.value, values: [] }))}
            >
              {!choices.some((c) => c.key === rule.field) && <option value={rule.field}>{rule.field}</option>}
              {choices.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
            <span className="small">is one of</span>
            <span className="chips" role="group" aria-label="Values">
              {options.map((o) => (
                <label key={o.value} className="chip chip-check">
                  <input
                    type="checkbox"
                    checked={rule.values.includes(o.value)}
                    onChange={(e) =>
                      onChange(
                        setSegmentRule(entity, index, {
                          field: rule.field,
                          values: e.target.checked
                            ? [...rule.values, o.value]
                            : rule.values.filter((v) => v !== o.value),
                        }),
                      )
                    }
                  />
                  {o.label}
                </label>
              ))}
            </span>
          </>
        ) : (
          <ConditionBuilder
            value={group.when}
            entity={entity}
            entities={entities}
            stages={[]}
            onChange={(c) => c && onChange(updateGroup(entity, index, { ...group, when: c }))}
          />
        )}
      </div>
      <div className="group-fields">
        <span className="small strong">Fields in the group</span>
        <span className="chips" role="group" aria-label={`Fields of ${group.label}`}>
          {assignableFields(entity, index).map((f) => (
            <label key={f.key} className={`chip chip-check ${members.has(f.key) ? 'chip-on' : ''}`}>
              <input
                type="checkbox"
                checked={members.has(f.key)}
                onChange={(e) => onChange(toggleGroupField(entity, index, f.key, e.target.checked))}
              />
              {f.label}
            </label>
          ))}
        </span>
      </div>
    </div>
  );
}

export function FieldGroupsEditor({
  entity,
  entities,
  onChange,
}: {
  entity: EntityDefinition;
  entities: readonly EntityDefinition[];
  onChange(next: EntityDefinition): void;
}) {
  const groups = entity.fieldGroups ?? [];
  return (
    <section className="field-groups" aria-label="Field groups" data-testid="field-groups">
      <div className="row gap">
        <h3>Field groups</h3>
        <span className="muted small">
          Fields that apply only in some situations, e.g. parameters only distributors have. While a group
          does not apply, its fields are hidden and not required; their values are kept.
        </span>
      </div>
      {groups.length === 0 && <p className="muted small">No field groups yet.</p>}
      {groups.map((g, i) => (
        <GroupCard key={i} entity={entity} entities={entities} index={i} group={g} onChange={onChange} />
      ))}
      <button type="button" className="btn btn-ghost btn-xs" onClick={() => onChange(addGroup(entity))}>
        + Field group
      </button>
    </section>
  );
}
