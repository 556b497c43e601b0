// The properties panel of a node: its id, name and description, then the editor of its kind.
// Every change produces a whole new node, which the designer turns into one undoable command.
import { useEffect, useState } from 'react';
import type { ProcessNode } from '@crm/definitions';
import { kindInfo } from '../node-kinds';
import { MailFields, TaskFields, UpdateFields } from './action-fields';
import { ApprovalEditor } from './approval-editor';
import { Field, TextInput } from './inputs';
import { withOptional, type PanelContext } from './panel-context';
import { EndEditor, StageEditor } from './stage-editor';
import { WaitEditor } from './wait-editor';

export type { PanelContext } from './panel-context';

export interface NodeRenaming {
  /** Null when the id is acceptable, otherwise why not. */
  problem(to: string): string | null;
  /** Other definitions that refer to the node's id and will not follow a rename. */
  outside: readonly string[];
  apply(to: string): void;
}

/** The node's id, renamed on Enter or blur once it is valid; the problem shows while typing. */
function NodeIdInput({ id, rename }: { id: string; rename: NodeRenaming }) {
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = rename.problem(text);
  const commit = () => {
    if (text !== id && problem === null) rename.apply(text);
  };
  return (
    <Field label="Id" hint="Edges and conditions of this process follow a new id.">
      <input
        className="input input-sm"
        aria-label="Node id"
        aria-invalid={problem !== null || undefined}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value.trim())}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(id);
        }}
      />
      {problem && (
        <small className="form-error" role="alert">
          {problem}
        </small>
      )}
      {!problem && text !== id && rename.outside.length > 0 && (
        <small className="muted" role="status">
          These keep the old id &quot;{id}&quot; and need updating by hand: {rename.outside.join(', ')}.
        </small>
      )}
    </Field>
  );
}

function KindEditor({
  node,
  ctx,
  onChange,
}: {
  node: ProcessNode;
  ctx: PanelContext;
  onChange(n: ProcessNode): void;
}) {
  switch (node.type) {
    case 'start':
    case 'parallelSplit':
    case 'parallelJoin':
      return null;
    case 'decision':
      return (
        <p className="muted small">
          Give each outgoing transition a condition; exactly one is the default branch. Select a transition to
          edit it.
        </p>
      );
    case 'stage':
      return <StageEditor node={node} ctx={ctx} onChange={onChange} />;
    case 'end':
      return <EndEditor node={node} ctx={ctx} onChange={onChange} />;
    case 'approval':
      return <ApprovalEditor node={node} ctx={ctx} onChange={onChange} />;
    case 'userTask':
    case 'createTask':
      return <TaskFields value={node} ctx={ctx} onChange={onChange} />;
    case 'wait':
      return <WaitEditor node={node} ctx={ctx} onChange={onChange} />;
    case 'sendMail':
      return <MailFields value={node} ctx={ctx} onChange={onChange} />;
    case 'updateRecord':
      return <UpdateFields value={node} ctx={ctx} onChange={onChange} />;
    default:
      throw new Error(`Unknown node kind: ${String((node as { type: unknown }).type)}`);
  }
}

export function NodeProperties({
  node,
  ctx,
  onChange,
  rename,
}: {
  node: ProcessNode;
  ctx: PanelContext;
  onChange(n: ProcessNode): void;
  rename?: NodeRenaming;
}) {
  return (
    <div className="props" data-testid="node-properties">
      <div className="props-kind">
        {kindInfo(node.type).label} <code>{node.id}</code>
      </div>
      {ctx.problems.length > 0 && (
        <div className="node-problems" role="alert" aria-label="Problems of this step">
          <strong>
            {ctx.problems.length === 1 ? '1 problem' : `${ctx.problems.length} problems`} to fix here
          </strong>
          <ul>
            {ctx.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {rename && <NodeIdInput id={node.id} rename={rename} />}
      <Field label="Name">
        <TextInput label="Node name" value={node.label} onCommit={(v) => onChange({ ...node, label: v })} />
      </Field>
      <Field label="Description">
        <TextInput
          label="Description"
          multiline
          value={node.description ?? ''}
          onCommit={(v) => onChange(withOptional(node, 'description', v))}
        />
      </Field>
      <KindEditor node={node} ctx={ctx} onChange={onChange} />
    </div>
  );
}
