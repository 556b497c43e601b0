// The palette of node kinds: drag one onto the canvas, or press Enter / double-click to add it.
import { KindIcon } from '../shared/icons';
import { NODE_KINDS } from './node-kinds';

/** The drag-and-drop payload type that carries a node kind from the palette to the canvas. */
export const DRAG_TYPE = 'application/x-crm-node-kind';

export function Palette({ onAdd }: { onAdd(kind: string): void }) {
  return (
    <aside className="palette" aria-label="Node palette">
      <div className="panel-title">Steps</div>
      {NODE_KINDS.map((k) => (
        <div
          key={k.kind}
          className={`palette-item tone-${k.tone}`}
          draggable
          role="button"
          tabIndex={0}
          data-kind={k.kind}
          title={`${k.hint} — drag onto the canvas, or press Enter`}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, k.kind);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onKeyDown={(e) => e.key === 'Enter' && onAdd(k.kind)}
          onDoubleClick={() => onAdd(k.kind)}
        >
          <span className="palette-icon">
            <KindIcon kind={k.kind} />
          </span>
          <span>{k.label}</span>
        </div>
      ))}
      <p className="muted small palette-help">
        Drag a step onto the canvas, then drag from a step's right edge to the next one.
      </p>
    </aside>
  );
}
