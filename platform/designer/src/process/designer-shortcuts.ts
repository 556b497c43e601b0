// The designer's keyboard shortcuts as data: a key press becomes a named command (or nothing), so
// the mapping is testable and the designer handles each command in one exhaustive switch.
export type ShortcutCommand = 'undo' | 'redo' | 'copy' | 'paste' | 'save' | 'delete' | 'fit' | 'layout';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The tag name of the element the key was pressed in. */
  targetTag: string;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  // Keys typed into a panel's inputs belong to the input (Backspace must not delete the node).
  if (TYPING_TAGS.has(press.targetTag)) return null;
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  if (mod && key === 'z' && !press.shiftKey) return 'undo';
  if (mod && (key === 'y' || (key === 'z' && press.shiftKey))) return 'redo';
  if (mod && key === 'c') return 'copy';
  if (mod && key === 'v') return 'paste';
  if (mod && key === 's') return 'save';
  if (press.key === 'Delete' || press.key === 'Backspace') return 'delete';
  if (!mod && key === 'f') return 'fit';
  if (!mod && key === 'l') return 'layout';
  return null;
}
