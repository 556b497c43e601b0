import type { Trigger } from '@crm/definitions';
import type { ProcessMeta } from '../flow-mapping';
import { ConditionBuilder } from './condition-builder';
import { Checkbox, Field, TextInput } from './inputs';
import type { PanelContext } from './panel-context';

export function ProcessProperties({
  meta,
  ctx,
  calendars,
  onChange,
}: {
  meta: ProcessMeta;
  ctx: PanelContext & { entityKeys: { key: string; label: string }[] };
  calendars: string[];
  onChange(m: ProcessMeta): void;
}) {
  const has = (t: Trigger['type']) => meta.triggers.some((x) => x.type === t);
  const toggle = (t: 'onCreate' | 'manual', on: boolean) =>
    onChange({
      ...meta,
      triggers: on ? [...meta.triggers, { type: t }] : meta.triggers.filter((x) => x.type !== t),
    });
  const conditional = meta.triggers.find((t) => t.type === 'onCondition');
  return (
    <div className="props" data-testid="process-properties">
      <div className="props-kind">
        Process <code>{meta.key}</code>
      </div>
      <Field label="Name">
        <TextInput
          label="Process name"
          value={meta.label}
          onCommit={(v) => onChange({ ...meta, label: v })}
        />
      </Field>
      <Field label="Records of">
        <select
          className="input"
          aria-label="Entity"
          value={meta.entity}
          onChange={(e) => onChange({ ...meta, entity: e.target.value })}
        >
          {!ctx.entityKeys.some((e) => e.key === meta.entity) && (
            <option value={meta.entity}>{meta.entity}</option>
          )}
          {ctx.entityKeys.map((e) => (
            <option key={e.key} value={e.key}>
              {e.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Business calendar">
        <select
          className="input"
          aria-label="Calendar"
          value={meta.calendar ?? ''}
          onChange={(e) => {
            const { calendar: _c, ...rest } = meta;
            onChange(e.target.value ? { ...rest, calendar: e.target.value } : rest);
          }}
        >
          <option value="">none</option>
          {calendars.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Starts">
        <Checkbox
          label="When a record is created"
          checked={has('onCreate')}
          onChange={(v) => toggle('onCreate', v)}
        />
        <Checkbox
          label="When a user starts it"
          checked={has('manual')}
          onChange={(v) => toggle('manual', v)}
        />
        <Checkbox
          label="When a condition starts to hold"
          checked={!!conditional}
          onChange={(v) =>
            onChange({
              ...meta,
              triggers: v
                ? [...meta.triggers, { type: 'onCondition', condition: { all: [] } }]
                : meta.triggers.filter((t) => t.type !== 'onCondition'),
            })
          }
        />
        {conditional && conditional.type === 'onCondition' && (
          <ConditionBuilder
            value={conditional.condition}
            entity={ctx.entity}
            entities={ctx.entities}
            stages={ctx.stages}
            onChange={(c) =>
              onChange({
                ...meta,
                triggers: meta.triggers.map((t) =>
                  t.type === 'onCondition' ? { type: 'onCondition', condition: c ?? { all: [] } } : t,
                ),
              })
            }
          />
        )}
      </Field>
      <Field label="Description">
        <TextInput
          label="Process description"
          multiline
          value={meta.description ?? ''}
          onCommit={(v) => {
            const { description: _d, ...rest } = meta;
            onChange(v ? { ...rest, description: v } : rest);
          }}
        />
      </Field>
    </div>
  );
}
