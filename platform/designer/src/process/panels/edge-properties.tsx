import type { ProcessDefinition, ProcessEdge } from '@crm/definitions';
import { ConditionBuilder } from './condition-builder';
import { Checkbox, Field, FieldsPicker, TextInput } from './inputs';
import { activityChoices, type PanelContext } from './panel-context';

export function EdgeProperties({
  edge,
  definition,
  ctx,
  onChange,
}: {
  edge: ProcessEdge;
  definition: ProcessDefinition;
  ctx: PanelContext;
  onChange(e: ProcessEdge): void;
}) {
  const source = definition.nodes.find((n) => n.id === edge.source);
  const target = definition.nodes.find((n) => n.id === edge.target);
  const fromDecision = source?.type === 'decision';
  const fromStage = source?.type === 'stage';
  const activity = activityChoices(ctx.entities);
  const without = <K extends keyof ProcessEdge>(key: K): ProcessEdge => {
    const copy = { ...edge };
    delete copy[key];
    return copy;
  };
  return (
    <div className="props" data-testid="edge-properties">
      <div className="props-kind">
        Transition <code>{edge.id}</code>
      </div>
      <p className="muted small">
        {source?.label ?? edge.source}
        {edge.sourceHandle ? ` (${edge.sourceHandle})` : ''} → {target?.label ?? edge.target}
      </p>
      <Field label="Name">
        <TextInput
          label="Transition name"
          value={edge.label ?? ''}
          onCommit={(v) => onChange(v ? { ...edge, label: v } : without('label'))}
        />
      </Field>
      {fromDecision && (
        <Checkbox
          label="Default branch (taken when no other condition holds)"
          checked={edge.isDefault === true}
          onChange={(v) => onChange(v ? { ...without('condition'), isDefault: true } : without('isDefault'))}
        />
      )}
      {(fromDecision || fromStage) && !edge.isDefault && (
        <Field label={fromDecision ? 'Branch taken when' : 'Allowed only while'}>
          <ConditionBuilder
            value={edge.condition}
            entity={ctx.entity}
            entities={ctx.entities}
            stages={ctx.stages}
            onChange={(c) => onChange(c ? { ...edge, condition: c } : without('condition'))}
          />
        </Field>
      )}
      {fromStage && (
        <>
          <Field label="Also required for this transition">
            <FieldsPicker
              label="Add required field"
              value={edge.requiredFields ?? []}
              entity={ctx.entity}
              entities={ctx.entities}
              onChange={(v) =>
                onChange(v.length ? { ...edge, requiredFields: v } : without('requiredFields'))
              }
            />
          </Field>
          <Field
            label="Taken automatically when an activity is logged"
            hint="Activity type and result, e.g. meeting / held"
          >
            <span className="row">
              <TextInput
                label="Activity type"
                placeholder="type"
                suggestions={activity.types}
                value={edge.activityTrigger?.type ?? ''}
                onCommit={(v) =>
                  onChange(
                    v
                      ? { ...edge, activityTrigger: { ...edge.activityTrigger, type: v } }
                      : without('activityTrigger'),
                  )
                }
              />
              <TextInput
                label="Activity result"
                placeholder="any result"
                suggestions={activity.results}
                value={edge.activityTrigger?.result ?? ''}
                onCommit={(v) => {
                  if (!edge.activityTrigger) return;
                  const { result: _r, ...rest } = edge.activityTrigger;
                  onChange({ ...edge, activityTrigger: v ? { ...rest, result: v } : rest });
                }}
              />
            </span>
          </Field>
        </>
      )}
    </div>
  );
}
