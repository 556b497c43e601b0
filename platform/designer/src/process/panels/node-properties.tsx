// The properties panel of a node, one editor per kind. Every change produces a whole new node,
// which the designer turns into one undoable command.
import type {
  ApprovalLevel,
  ApprovalNode,
  EntityDefinition,
  MailTemplateDefinition,
  ProcessNode,
  StageNode,
  WaitNode,
} from '@crm/definitions';
import { mergeFieldPaths } from '@crm/definitions';
import { ConditionBuilder } from './condition-builder';
import { AssigneeEditor, Checkbox, DurationInput, Field, FieldsPicker, TextInput } from './inputs';
import { kindInfo, freshId } from '../node-kinds';

export interface PanelContext {
  entity: EntityDefinition | undefined;
  entities: readonly EntityDefinition[];
  templates: readonly MailTemplateDefinition[];
  roles: readonly string[];
  stages: readonly { id: string; label: string }[];
}

function StageEditor({
  node,
  ctx,
  onChange,
}: {
  node: StageNode;
  ctx: PanelContext;
  onChange(n: ProcessNode): void;
}) {
  const checklist = node.checklist ?? [];
  const setChecklist = (next: typeof checklist) => {
    const { checklist: _old, ...rest } = node;
    onChange(next.length ? { ...rest, checklist: next } : rest);
  };
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
          onChange={(e) => {
            const { probability: _p, ...rest } = node;
            onChange(
              e.target.value === ''
                ? rest
                : { ...rest, probability: Math.max(0, Math.min(100, Number(e.target.value))) },
            );
          }}
        />
      </Field>
      <Field label="Guidance for the user">
        <TextInput
          label="Guidance"
          multiline
          value={node.guidance ?? ''}
          onCommit={(v) => {
            const { guidance: _g, ...rest } = node;
            onChange(v ? { ...rest, guidance: v } : rest);
          }}
        />
      </Field>
      <Field label="Checklist">
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
                {
                  id: freshId('item', new Set(checklist.map((c) => c.id))),
                  label: 'New item',
                  required: false,
                },
              ])
            }
          >
            + Checklist item
          </button>
        </div>
      </Field>
      <Field label="Required to leave this stage">
        <FieldsPicker
          label="Add required field"
          value={node.requiredFields ?? []}
          entity={ctx.entity}
          entities={ctx.entities}
          onChange={(v) => {
            const { requiredFields: _r, ...rest } = node;
            onChange(v.length ? { ...rest, requiredFields: v } : rest);
          }}
        />
      </Field>
      {node.onEnter?.length || node.timers?.length ? (
        <p className="muted small">
          {node.onEnter?.length ?? 0} action(s) on entry and {node.timers?.length ?? 0} timer(s) are kept as
          defined.
        </p>
      ) : null}
    </>
  );
}

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
  const drop = <K extends keyof ApprovalLevel>(key: K): ApprovalLevel => {
    const copy = { ...level };
    delete copy[key];
    return copy;
  };
  return (
    <div className="level-card">
      <div className="level-head">
        <strong>Level {index + 1}</strong>
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
          label={`Level ${index + 1} name`}
          value={level.label}
          onCommit={(v) => onChange({ ...level, label: v })}
        />
      </Field>
      <Field label="Approver">
        <AssigneeEditor
          label={`Level ${index + 1} approver`}
          value={level.approver}
          roles={ctx.roles}
          onChange={(approver) => onChange({ ...level, approver })}
        />
      </Field>
      <Field label="Deadline">
        <DurationInput
          optional
          label={`Level ${index + 1} deadline`}
          value={level.deadline}
          onChange={(v) => onChange(v ? { ...level, deadline: v } : drop('deadline'))}
        />
      </Field>
      <Field label="Remind after">
        <DurationInput
          optional
          label={`Level ${index + 1} reminder`}
          value={level.reminderAfter}
          onChange={(v) => onChange(v ? { ...level, reminderAfter: v } : drop('reminderAfter'))}
        />
      </Field>
      <Checkbox
        label="Count in business time"
        checked={level.businessTime === true}
        onChange={(v) => onChange(v ? { ...level, businessTime: true } : drop('businessTime'))}
      />
      <Field label="Escalate to after the deadline">
        {level.escalation ? (
          <span className="row">
            <AssigneeEditor
              label={`Level ${index + 1} escalation`}
              value={level.escalation.to}
              roles={ctx.roles}
              onChange={(to) => onChange({ ...level, escalation: { to } })}
            />
            <button
              type="button"
              className="icon-btn"
              aria-label="No escalation"
              onClick={() => onChange(drop('escalation'))}
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
          onChange={(c) => onChange(c ? { ...level, condition: c } : drop('condition'))}
        />
      </Field>
    </div>
  );
}

function ApprovalEditor({
  node,
  ctx,
  onChange,
}: {
  node: ApprovalNode;
  ctx: PanelContext;
  onChange(n: ProcessNode): void;
}) {
  const { condition: _c, ...withoutCondition } = node;
  return (
    <>
      <Field label="Approval needed only when">
        <ConditionBuilder
          value={node.condition}
          entity={ctx.entity}
          entities={ctx.entities}
          stages={ctx.stages}
          emptyLabel="+ Only when… (always otherwise)"
          onChange={(c) => onChange(c ? { ...node, condition: c } : withoutCondition)}
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

function WaitEditor({
  node,
  ctx,
  onChange,
}: {
  node: WaitNode;
  ctx: PanelContext;
  onChange(n: ProcessNode): void;
}) {
  const w = node.wait;
  const dateFields = (ctx.entity?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'datetime');
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
      {w.type === 'duration' && (
        <>
          <Field label="Duration">
            <DurationInput
              label="Wait duration"
              value={w.duration}
              onChange={(v) => onChange({ ...node, wait: { ...w, duration: v ?? 'P1D' } })}
            />
          </Field>
          <Checkbox
            label="Count in business time (working days and hours)"
            checked={w.businessTime === true}
            onChange={(v) => onChange({ ...node, wait: { ...w, businessTime: v } })}
          />
        </>
      )}
      {w.type === 'untilDate' && (
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
              onCommit={(v) => {
                const { offset: _o, ...rest } = w;
                onChange({ ...node, wait: v ? { ...rest, offset: v } : rest });
              }}
            />
          </Field>
        </>
      )}
      {w.type === 'condition' && (
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
          <Field label="Time out after" hint='Adds a "timeout" exit'>
            <DurationInput
              optional
              label="Timeout"
              value={w.timeout}
              onChange={(v) => {
                const { timeout: _t, ...rest } = w;
                onChange({ ...node, wait: v ? { ...rest, timeout: v } : rest });
              }}
            />
          </Field>
          <Checkbox
            label="Count in business time"
            checked={w.businessTime === true}
            onChange={(v) => onChange({ ...node, wait: { ...w, businessTime: v } })}
          />
        </>
      )}
    </>
  );
}

function TemplatePicker({
  value,
  ctx,
  onChange,
}: {
  value: string;
  ctx: PanelContext;
  onChange(v: string): void;
}) {
  const templates = ctx.templates.filter((t) => !ctx.entity || t.entity === ctx.entity.key);
  const chosen = templates.find((t) => t.key === value);
  const fields = chosen
    ? [...new Set([...mergeFieldPaths(chosen.subject), ...mergeFieldPaths(chosen.body)])]
    : [];
  return (
    <>
      <select
        className="input"
        aria-label="Mail template"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">— choose a template —</option>
        {templates.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
      </select>
      {chosen && (
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

export function NodeProperties({
  node,
  ctx,
  onChange,
}: {
  node: ProcessNode;
  ctx: PanelContext;
  onChange(n: ProcessNode): void;
}) {
  const body = (() => {
    switch (node.type) {
      case 'start':
      case 'parallelSplit':
      case 'parallelJoin':
        return null;
      case 'decision':
        return (
          <p className="muted small">
            Give each outgoing transition a condition; exactly one is the default branch. Select a transition
            to edit it.
          </p>
        );
      case 'stage':
        return <StageEditor node={node} ctx={ctx} onChange={onChange} />;
      case 'approval':
        return <ApprovalEditor node={node} ctx={ctx} onChange={onChange} />;
      case 'userTask':
      case 'createTask':
        return (
          <>
            <Field label="Task title">
              <TextInput
                label="Task title"
                value={node.title}
                onCommit={(v) => onChange({ ...node, title: v })}
              />
            </Field>
            <Field label="Assignee">
              <AssigneeEditor
                label="Assignee"
                value={node.assignee}
                roles={ctx.roles}
                onChange={(assignee) => onChange({ ...node, assignee })}
              />
            </Field>
            <Field label="Due after">
              <DurationInput
                optional
                label="Due"
                value={node.due}
                onChange={(v) => {
                  const { due: _d, ...rest } = node;
                  onChange(v ? { ...rest, due: v } : rest);
                }}
              />
            </Field>
            <Checkbox
              label="Count in business time"
              checked={node.businessTime === true}
              onChange={(v) => onChange({ ...node, businessTime: v })}
            />
          </>
        );
      case 'wait':
        return <WaitEditor node={node} ctx={ctx} onChange={onChange} />;
      case 'sendMail':
        return (
          <>
            <Field label="Template">
              {typeof node.template === 'string' ? (
                <TemplatePicker
                  value={node.template}
                  ctx={ctx}
                  onChange={(template) => onChange({ ...node, template })}
                />
              ) : (
                <p className="muted small">
                  Chosen by condition among {node.template.cases.length} templates (kept as defined).
                </p>
              )}
            </Field>
            <Field label="Recipient">
              <AssigneeEditor
                recipient
                label="Recipient"
                value={node.to}
                roles={ctx.roles}
                onChange={(to) => onChange({ ...node, to })}
              />
            </Field>
          </>
        );
      case 'updateRecord': {
        const entries = Object.entries(node.set);
        const fields = ctx.entity?.fields ?? [];
        return (
          <Field label="Set fields">
            <div className="list-editor">
              {entries.map(([key, value]) => (
                <div key={key} className="list-row">
                  <span className="chip chip-static">{fields.find((f) => f.key === key)?.label ?? key}</span>
                  <TextInput
                    label={`Value of ${key}`}
                    value={typeof value === 'string' ? value : JSON.stringify(value)}
                    onCommit={(v) => {
                      let parsed: unknown;
                      try {
                        parsed = JSON.parse(v);
                      } catch {
                        parsed = v;
                      }
                      onChange({ ...node, set: { ...node.set, [key]: parsed } });
                    }}
                  />
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Stop setting ${key}`}
                    onClick={() => {
                      const next = { ...node.set };
                      delete next[key];
                      onChange({ ...node, set: next });
                    }}
                  >
                    ×
                  </button>
                </div>
              ))}
              <select
                className="input input-sm"
                aria-label="Add a field to set"
                value=""
                onChange={(e) =>
                  e.target.value && onChange({ ...node, set: { ...node.set, [e.target.value]: '' } })
                }
              >
                <option value="">+ Set a field…</option>
                {fields
                  .filter((f) => !(f.key in node.set))
                  .map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.label}
                    </option>
                  ))}
              </select>
            </div>
          </Field>
        );
      }
      case 'end':
        return (
          <>
            <Field label="Outcome">
              <select
                className="input"
                aria-label="Outcome"
                value={node.outcome}
                onChange={(e) => onChange({ ...node, outcome: e.target.value as 'won' | 'lost' | 'closed' })}
              >
                <option value="won">Won</option>
                <option value="lost">Lost</option>
                <option value="closed">Closed</option>
              </select>
            </Field>
            <Field label="Required to end here">
              <FieldsPicker
                label="Add required field"
                value={node.requiredFields ?? []}
                entity={ctx.entity}
                entities={ctx.entities}
                onChange={(v) => {
                  const { requiredFields: _r, ...rest } = node;
                  onChange(v.length ? { ...rest, requiredFields: v } : rest);
                }}
              />
            </Field>
          </>
        );
      default:
        throw new Error(`Unknown node kind: ${String((node as { type: unknown }).type)}`);
    }
  })();
  return (
    <div className="props" data-testid="node-properties">
      <div className="props-kind">
        {kindInfo(node.type).label} <code>{node.id}</code>
      </div>
      <Field label="Name">
        <TextInput label="Node name" value={node.label} onCommit={(v) => onChange({ ...node, label: v })} />
      </Field>
      <Field label="Description">
        <TextInput
          label="Description"
          multiline
          value={node.description ?? ''}
          onCommit={(v) => {
            const { description: _d, ...rest } = node;
            onChange((v ? { ...rest, description: v } : rest) as ProcessNode);
          }}
        />
      </Field>
      {body}
    </div>
  );
}
