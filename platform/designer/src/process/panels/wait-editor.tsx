// The panel of a wait: a length of time, a date held in a field (with an offset), or a condition
// on the record (with an optional timeout exit).
import type { WaitNode } from '@crm/definitions';
import { ConditionBuilder } from './condition-builder';
import { Field, TextInput } from './inputs';
import { withOptional, type PanelContext } from './panel-context';
import { TimingEditor } from './timing-editor';

export function WaitEditor({
  node,
  ctx,
  onChange,
}: {
  node: WaitNode;
  ctx: PanelContext;
  onChange(n: WaitNode): void;
}) {
  const w = node.wait;
  const dateFields = (ctx.entity?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'datetime');
  const body = (() => {
    switch (w.type) {
      case 'duration':
        return (
          <TimingEditor
            value={w}
            durations={[{ key: 'duration', label: 'Duration', name: 'Wait duration', fallback: 'P1D' }]}
            businessLabel="Count in business time (working days and hours)"
            onChange={(wait) => onChange({ ...node, wait })}
          />
        );
      case 'untilDate':
        return (
          <>
            <Field label="Date field">
              <select
                className="input"
                aria-label="Date field"
                value={w.field}
                onChange={(e) => onChange({ ...node, wait: { ...w, field: e.target.value } })}
              >
                <option value="">—</option>
                {dateFields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Offset" hint='"-P3D" is three days before'>
              <TextInput
                label="Offset"
                value={w.offset ?? ''}
                onCommit={(v) => onChange({ ...node, wait: withOptional(w, 'offset', v) })}
              />
            </Field>
          </>
        );
      case 'condition':
        return (
          <>
            <Field label="Until">
              <ConditionBuilder
                value={w.condition}
                entity={ctx.entity}
                entities={ctx.entities}
                stages={ctx.stages}
                onChange={(c) => onChange({ ...node, wait: { ...w, condition: c ?? { all: [] } } })}
              />
            </Field>
            <TimingEditor
              value={w}
              durations={[
                { key: 'timeout', label: 'Time out after', name: 'Timeout', hint: 'Adds a "timeout" exit' },
              ]}
              onChange={(wait) => onChange({ ...node, wait })}
            />
          </>
        );
      default:
        throw new Error(`Unknown wait: ${String((w as { type: unknown }).type)}`);
    }
  })();
  return (
    <>
      <Field label="Wait for">
        <select
          className="input"
          aria-label="Wait for"
          value={w.type}
          onChange={(e) => {
            const t = e.target.value;
            onChange({
              ...node,
              wait:
                t === 'duration'
                  ? { type: 'duration', duration: 'P1D' }
                  : t === 'untilDate'
                    ? { type: 'untilDate', field: dateFields[0]?.key ?? '' }
                    : { type: 'condition', condition: { all: [] } },
            });
          }}
        >
          <option value="duration">A length of time</option>
          <option value="untilDate">A date held in a field</option>
          <option value="condition">A condition on the record</option>
        </select>
      </Field>
      {body}
    </>
  );
}
