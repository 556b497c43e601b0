// The panel of an approval: when it is needed, its levels (approver, deadline, reminder,
// escalation, condition), delegation and comments on rejection.
import type { ApprovalLevel, ApprovalNode } from '@crm/definitions';
import { freshId } from '../node-kinds';
import { ConditionBuilder } from './condition-builder';
import { AssigneeEditor, Checkbox, Field, TextInput } from './inputs';
import { withOptional, type PanelContext } from './panel-context';
import { TimingEditor } from './timing-editor';

function LevelEditor({
  level,
  index,
  ctx,
  onChange,
  onRemove,
}: {
  level: ApprovalLevel;
  index: number;
  ctx: PanelContext;
  onChange(l: ApprovalLevel): void;
  onRemove?: () => void;
}) {
  const name = `Level ${index + 1}`;
  return (
    <div className="level-card">
      <div className="level-head">
        <strong>{name}</strong>
        {onRemove && (
          <button
            type="button"
            className="icon-btn"
            aria-label={`Remove level ${index + 1}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      <Field label="Name">
        <TextInput
          label={`${name} name`}
          value={level.label}
          onCommit={(v) => onChange({ ...level, label: v })}
        />
      </Field>
      <Field label="Approver">
        <AssigneeEditor
          label={`${name} approver`}
          value={level.approver}
          roles={ctx.roles}
          onChange={(approver) => onChange({ ...level, approver })}
        />
      </Field>
      <TimingEditor
        value={level}
        durations={[
          { key: 'deadline', label: 'Deadline', name: `${name} deadline` },
          { key: 'reminderAfter', label: 'Remind after', name: `${name} reminder` },
        ]}
        onChange={onChange}
      />
      <Field label="Escalate to after the deadline">
        {level.escalation ? (
          <span className="row">
            <AssigneeEditor
              label={`${name} escalation`}
              value={level.escalation.to}
              roles={ctx.roles}
              onChange={(to) => onChange({ ...level, escalation: { to } })}
            />
            <button
              type="button"
              className="icon-btn"
              aria-label="No escalation"
              onClick={() => onChange(withOptional(level, 'escalation', undefined))}
            >
              ×
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="btn btn-ghost btn-xs"
            onClick={() => onChange({ ...level, escalation: { to: { type: 'ownerManager' } } })}
          >
            + Escalation
          </button>
        )}
      </Field>
      <Field label="Ask this level only when">
        <ConditionBuilder
          value={level.condition}
          entity={ctx.entity}
          entities={ctx.entities}
          stages={ctx.stages}
          emptyLabel="+ Only when…"
          onChange={(c) => onChange(withOptional(level, 'condition', c))}
        />
      </Field>
    </div>
  );
}

export function ApprovalEditor({
  node,
  ctx,
  onChange,
}: {
  node: ApprovalNode;
  ctx: PanelContext;
  onChange(n: ApprovalNode): void;
}) {
  return (
    <>
      <Field label="Approval needed only when">
        <ConditionBuilder
          value={node.condition}
          entity={ctx.entity}
          entities={ctx.entities}
          stages={ctx.stages}
          emptyLabel="+ Only when… (always otherwise)"
          onChange={(c) => onChange(withOptional(node, 'condition', c))}
        />
      </Field>
      {node.levels.map((level, i) => (
        <LevelEditor
          key={level.id}
          level={level}
          index={i}
          ctx={ctx}
          onChange={(l) => onChange({ ...node, levels: node.levels.map((x, j) => (j === i ? l : x)) })}
          {...(node.levels.length > 1
            ? { onRemove: () => onChange({ ...node, levels: node.levels.filter((_, j) => j !== i) }) }
            : {})}
        />
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() =>
          onChange({
            ...node,
            levels: [
              ...node.levels,
              {
                id: freshId('level', new Set(node.levels.map((l) => l.id))),
                label: 'Director',
                approver: {
                  type: 'role',
                  role: ctx.roles.includes('director') ? 'director' : (ctx.roles[0] ?? 'manager'),
                },
              },
            ],
          })
        }
      >
        + Approval level
      </button>
      <Checkbox
        label="Approvers may delegate"
        checked={node.allowDelegation === true}
        onChange={(v) => onChange({ ...node, allowDelegation: v })}
      />
      <Checkbox
        label="A comment is required to reject"
        checked={node.requireCommentOnReject === true}
        onChange={(v) => onChange({ ...node, requireCommentOnReject: v })}
      />
    </>
  );
}
