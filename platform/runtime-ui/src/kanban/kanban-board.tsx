// A board per process: a column per stage node, cards with amount and owner, column totals.
// Dropping a card asks the engine to move the record; a refusal shows the validator's reasons.
import { useState } from 'react';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { EntityDefinition, ProblemEntry, RecordView } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { ApiError, errorMessage } from '../api/client';
import { entityOf, useWorkspace } from '../shared/definitions';
import { amountField, formatMoney, moneyAmount, titleOf } from '../shared/format';
import { usePipeline, type StageColumn } from '../shared/pipeline-data';
import { useUsers } from '../shared/users';
import { recordHref } from '../shared/route';
import './kanban.css';

function Card({ record, entity, meId }: { record: RecordView; entity: EntityDefinition; meId: string }) {
  const { nameOf } = useUsers();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: record.id });
  const money = amountField(entity);
  const value = money ? record.data[money.key] : undefined;
  const amount = moneyAmount(value);
  const currency =
    typeof value === 'object' && value !== null && 'currency' in value ? String(value.currency) : undefined;
  return (
    <div
      ref={setNodeRef}
      className={`kcard${isDragging ? ' is-dragging' : ''}`}
      style={transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : undefined}
      data-record={record.id}
      {...attributes}
      {...listeners}
    >
      <a
        href={recordHref(entity.key, record.id)}
        className="kcard-title"
        onPointerDown={(e) => e.stopPropagation()}
      >
        {titleOf(entity, record)}
      </a>
      <div className="kcard-meta">
        <span>{amount === undefined ? '—' : formatMoney(amount, currency)}</span>
        <span className="muted" data-testid="card-owner">
          {record.ownerId === meId ? 'You' : nameOf(record.ownerId)}
        </span>
      </div>
    </div>
  );
}

function Column({ column, entity, meId }: { column: StageColumn; entity: EntityDefinition; meId: string }) {
  // A node the latest version dropped takes no cards: no move leads into it any more.
  const { setNodeRef, isOver } = useDroppable({
    id: column.node.id,
    disabled: column.retiredAfter !== undefined,
  });
  const money = amountField(entity);
  // The snapshot's exact sums per currency; the loaded cards' sum only when it is unavailable.
  const totals = column.totals ?? [
    {
      currency: undefined,
      amount: column.records.reduce((sum, r) => sum + (money ? (moneyAmount(r.data[money.key]) ?? 0) : 0), 0),
    },
  ];
  return (
    <section
      ref={setNodeRef}
      className={`kcol${isOver ? ' is-over' : ''}${column.retiredAfter === undefined ? '' : ' kcol-retired'}`}
      aria-label={column.node.label}
      data-stage={column.node.id}
    >
      <header className="kcol-head">
        <span className="kcol-title">
          {column.node.label}
          {column.retiredAfter !== undefined && (
            <span className="muted small kcol-note">Removed after version {column.retiredAfter}</span>
          )}
        </span>
        <span className="badge" data-testid="column-count">
          {column.count}
        </span>
      </header>
      {money && (
        <div className="kcol-total" data-testid="column-total">
          {totals.length === 0
            ? formatMoney(0, money.type === 'money' ? money.currencies?.[0] : undefined)
            : totals.map((t) => formatMoney(t.amount, t.currency)).join(' · ')}
        </div>
      )}
      {column.truncated && (
        <div className="muted small kcol-more">Showing the {column.records.length} most recently updated</div>
      )}
      <div className="kcol-body">
        {column.records.map((r) => (
          <Card key={r.id} record={r} entity={entity} meId={meId} />
        ))}
      </div>
    </section>
  );
}

const MIRROR_POLL_MS = 300;
const MIRROR_ATTEMPTS = 20;

export function KanbanBoard({ processKey }: { processKey: string }) {
  const ws = useWorkspace();
  const process = ws.processes.find((p) => p.key === processKey);
  const entity = process ? entityOf(ws, process.entity) : undefined;
  const { columns, setColumns, error, reload } = usePipeline(process);
  const [refusal, setRefusal] = useState<{ message: string; reasons: readonly ProblemEntry[] } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );
  if (!process || !entity) return <div className="empty">No published process “{processKey}”.</div>;

  const onDragEnd = async (event: DragEndEvent) => {
    const id = String(event.active.id);
    const to = event.over ? String(event.over.id) : undefined;
    const from = columns.find((c) => c.records.some((r) => r.id === id));
    if (!to || !from || from.node.id === to) return;
    const record = from.records.find((r) => r.id === id) as RecordView;
    setRefusal(null);
    // Optimistic: the card moves now and goes back if the engine refuses.
    const before = columns;
    setColumns(
      columns.map((c) => ({
        ...c,
        records: c.node.id === to ? [record, ...c.records] : c.records.filter((r) => r.id !== id),
        count: c.count + (c.node.id === to ? 1 : c.node.id === from.node.id ? -1 : 0),
      })),
    );
    try {
      const after = await api.move(entity.key, id, to, []);
      // The engine answers before its stage mirror has written the record, and the columns are
      // read from the records' stage: re-reading at once would put the card back in its old column.
      const landed = after.currentStage?.nodeId;
      for (let attempt = 0; landed !== undefined && attempt < MIRROR_ATTEMPTS; attempt += 1) {
        if ((await api.get(entity.key, id)).stage === landed) break;
        await new Promise((resolve) => setTimeout(resolve, MIRROR_POLL_MS));
      }
      await reload();
    } catch (e) {
      setColumns(before);
      const reasons = e instanceof ApiError ? e.errors : [];
      // The problem's detail repeats the reasons: with a list, the headline only names the card.
      setRefusal({
        message: `${titleOf(entity, record)} cannot move${reasons.length > 0 ? ':' : `: ${errorMessage(e)}`}`,
        reasons,
      });
    }
  };

  return (
    <section className="page" data-testid="kanban">
      <div className="page-head">
        <h1>{process.label}</h1>
        <button type="button" className="btn btn-secondary" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      {(error || refusal) && (
        <div className="banner banner-error" role="alert">
          {error ?? refusal?.message}
          {refusal && refusal.reasons.length > 0 && (
            <ul>
              {refusal.reasons.map((r) => (
                <li key={r.message}>{r.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <DndContext sensors={sensors} onDragEnd={(e) => void onDragEnd(e)}>
        <div className="kanban">
          {columns.map((c) => (
            <Column key={c.node.id} column={c} entity={entity} meId={ws.me.user.id} />
          ))}
        </div>
      </DndContext>
    </section>
  );
}
