// The process designer's toolbar: save state, undo/redo, delete, layout, fit, export/import, save
// and publish. It only calls back; the designer decides what each button does.
import { useRef } from 'react';
import type { SaveStatus } from './use-process-document';

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  error: 'Not saved',
};

export interface ToolbarActions {
  undo(): void;
  redo(): void;
  deleteSelection(): void;
  layout(): void;
  fit(): void;
  exportFile(): void;
  importFile(file: File): void;
  save(): void;
  publish(): void;
}

function ToolButton({
  label,
  title,
  onClick,
  disabled,
  tone = 'ghost',
}: {
  label: string;
  title?: string;
  onClick(): void;
  disabled?: boolean;
  tone?: 'ghost' | 'secondary' | 'primary';
}) {
  return (
    <button
      type="button"
      className={`btn btn-${tone}`}
      onClick={onClick}
      {...(disabled !== undefined ? { disabled } : {})}
      {...(title ? { title } : {})}
    >
      {label}
    </button>
  );
}

export function DesignerToolbar({
  title,
  status,
  canUndo,
  canRedo,
  hasSelection,
  problems,
  actions,
}: {
  title: string;
  status: SaveStatus;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  problems: number;
  actions: ToolbarActions;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="toolbar" role="toolbar" aria-label="Process tools">
      <div className="toolbar-title">
        <a href="#/processes" className="muted">
          Processes
        </a>{' '}
        / <strong>{title}</strong>
        <span className={`save-status save-${status}`} data-testid="save-status">
          {STATUS_TEXT[status]}
        </span>
      </div>
      <div className="toolbar-actions">
        <ToolButton label="Undo" title="Undo (Ctrl+Z)" onClick={actions.undo} disabled={!canUndo} />
        <ToolButton label="Redo" title="Redo (Ctrl+Shift+Z)" onClick={actions.redo} disabled={!canRedo} />
        <ToolButton
          label="Delete"
          title="Delete (Del)"
          onClick={actions.deleteSelection}
          disabled={!hasSelection}
        />
        <ToolButton label="Auto-layout" title="Auto-layout (L)" onClick={actions.layout} />
        <ToolButton label="Fit" title="Zoom to fit (F)" onClick={actions.fit} />
        <span className="toolbar-sep" />
        <ToolButton label="Export" onClick={actions.exportFile} />
        <ToolButton label="Import" onClick={() => fileInput.current?.click()} />
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) actions.importFile(file);
            // The same file can be chosen again after an undo.
            e.target.value = '';
          }}
        />
        <ToolButton label="Save draft" title="Save draft (Ctrl+S)" tone="secondary" onClick={actions.save} />
        <ToolButton
          label="Publish"
          title={problems ? 'Fix the problems first' : 'Publish a new version'}
          tone="primary"
          onClick={actions.publish}
          disabled={problems > 0}
        />
      </div>
    </div>
  );
}
