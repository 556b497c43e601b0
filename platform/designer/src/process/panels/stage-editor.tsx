// The panels of the nodes a record stays in: stages (guidance, checklist, required fields) and
// ends (outcome); both run actions on entry and timers while the record is there.
import type { EndNode, StageNode } from '@crm/definitions';
import { freshId } from '../node-kinds';
import { ActionsEditor } from './actions-editor';
import { Checkbox, Field, FieldsPicker, TextInput } from './inputs';
import { withOptional, type PanelContext } from './panel-context';
import { TimersEditor } from './timers-editor';

function ChecklistEditor({ node, onChange }: { node: StageNode; onChange(n: StageNode): void }) {
  const checklist = node.checklist ?? [];
  const setChecklist = (next: typeof checklist) =>
    onChange(withOptional(node, 'checklist', next.length ? next : undefined));
  return (
    <div className="list-editor">
      {checklist.map((item, i) => (
        <div key={item.id} className="list-row">
          <TextInput
            label={`Checklist item ${i + 1}`}
            value={item.label}
            onCommit={(v) => setChecklist(checklist.map((c, j) => (j === i ? { ...c, label: v } : c)))}
          />
          <Checkbox
            label="required"
            checked={item.required === true}
            onChange={(v) => setChecklist(checklist.map((c, j) => (j === i ? { ...c, required: v } : c)))}
          />
          <button
            type="button"
            className="icon-btn"
            aria-label="Remove item"
            onClick={() => setChecklist(checklist.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() =>
          setChecklist([
            ...checklist,
            { id: freshId('item', new Set(checklist.map((c) => c.id))), label: 'New item', required: false },
          ])
        }
      >
        + Checklist item
      </button>
    </div>
  );
}

/** Required fields, actions on entry and timers: what stages and ends have in common. */
function HoldingSettings<T extends StageNode | EndNode>({
  node,
  ctx,
  requiredLabel,
  onChange,
}: {
  node: T;
  ctx: PanelContext;
  requiredLabel: string;
  onChange(n: T): void;
}) {
  return (
    <>
      <Field label={requiredLabel}>
        <FieldsPicker
          label="Add required field"
          value={node.requiredFields ?? []}
          entity={ctx.entity}
          entities={ctx.entities}
          onChange={(v) =>
            onChange(withOptional<T, 'requiredFields'>(node, 'requiredFields', v.length ? v : undefined))
          }
        />
      </Field>
      <Field label="On entry">
        <ActionsEditor
          name="On entry"
          path="/onEnter"
          addLabel="+ Do on entry…"
          actions={node.onEnter ?? []}
          ctx={ctx}
          onChange={(a) => onChange(withOptional<T, 'onEnter'>(node, 'onEnter', a.length ? a : undefined))}
        />
      </Field>
      <Field label="Timers while here">
        <TimersEditor
          timers={node.timers ?? []}
          ctx={ctx}
          onChange={(t) => onChange(withOptional<T, 'timers'>(node, 'timers', t.length ? t : undefined))}
        />
      </Field>
    </>
  );
}

export function StageEditor({
  node,
  ctx,
  onChange,
}: {
  node: StageNode;
  ctx: PanelContext;
  onChange(n: StageNode): void;
}) {
  return (
    <>
      <Field label="Probability (%)">
        <input
          className="input"
          type="number"
          min={0}
          max={100}
          aria-label="Probability"
          value={node.probability ?? ''}
          onChange={(e) =>
            onChange(
              withOptional(
                node,
                'probability',
                e.target.value === '' ? undefined : Math.max(0, Math.min(100, Number(e.target.value))),
              ),
            )
          }
        />
      </Field>
      <Field label="Guidance for the user">
        <TextInput
          label="Guidance"
          multiline
          value={node.guidance ?? ''}
          onCommit={(v) => onChange(withOptional(node, 'guidance', v))}
        />
      </Field>
      <Field label="Checklist">
        <ChecklistEditor node={node} onChange={onChange} />
      </Field>
      <HoldingSettings
        node={node}
        ctx={ctx}
        requiredLabel="Required to leave this stage"
        onChange={onChange}
      />
    </>
  );
}

export function EndEditor({
  node,
  ctx,
  onChange,
}: {
  node: EndNode;
  ctx: PanelContext;
  onChange(n: EndNode): void;
}) {
  return (
    <>
      <Field label="Outcome">
        <select
          className="input"
          aria-label="Outcome"
          value={node.outcome}
          onChange={(e) => onChange({ ...node, outcome: e.target.value as EndNode['outcome'] })}
        >
          <option value="won">Won</option>
          <option value="lost">Lost</option>
          <option value="closed">Closed</option>
        </select>
      </Field>
      <HoldingSettings node={node} ctx={ctx} requiredLabel="Required to end here" onChange={onChange} />
    </>
  );
}
