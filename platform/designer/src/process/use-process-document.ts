// Loading, undo/redo, autosave and publishing of one process definition.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProblemEntry, ProcessDefinition } from '@crm/definitions';
import { api } from '../api/definitions-api';
import { ApiError, errorMessage } from '@crm/runtime-ui/ui';
import { perform, redo, startHistory, undo, type History } from './history';
import type { ProcessCommand } from './process-commands';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

const AUTOSAVE_MS = 1200;

export function useProcessDocument(processKey: string, onSaved: () => Promise<void> | void) {
  const [history, setHistory] = useState<History | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [message, setMessage] = useState<{
    tone: 'ok' | 'error';
    text: string;
    errors?: readonly ProblemEntry[];
  } | null>(null);
  const [savedAt, setSavedAt] = useState(0);
  const saved = useRef<ProcessDefinition | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const draft = await api.draft<ProcessDefinition>('process', processKey);
        const content =
          draft?.content ??
          (await api.published<ProcessDefinition>('process')).find((v) => v.key === processKey)?.content;
        if (!live) return;
        if (!content) throw new Error(`There is no process "${processKey}".`);
        saved.current = content;
        setHistory(startHistory(content));
      } catch (e) {
        if (live) setLoadError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [processKey]);

  const definition = history?.present ?? null;

  const save = useCallback(async (): Promise<boolean> => {
    if (!definition) return false;
    setStatus('saving');
    try {
      await api.saveDraft('process', processKey, definition);
      saved.current = definition;
      setStatus('saved');
      setSavedAt(Date.now());
      return true;
    } catch (e) {
      setStatus('error');
      setMessage({ tone: 'error', text: `Saving failed: ${errorMessage(e)}` });
      return false;
    }
  }, [definition, processKey]);

  useEffect(() => {
    if (!definition || definition === saved.current) return;
    setStatus('unsaved');
    const timer = window.setTimeout(() => void save(), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [definition, save]);

  const publish = useCallback(async () => {
    if (!(await save())) return;
    try {
      const result = await api.publish([{ kind: 'process', key: processKey }]);
      const item = result.items[0];
      setMessage({
        tone: 'ok',
        text: item
          ? `Published as version ${item.version}${item.created ? '' : ' (no changes since the last version)'}.`
          : 'Published.',
      });
      setSavedAt(Date.now());
      await onSaved();
    } catch (e) {
      setMessage({
        tone: 'error',
        text: `Publishing was refused: ${errorMessage(e)}`,
        errors: e instanceof ApiError ? e.errors : [],
      });
    }
  }, [save, processKey, onSaved]);

  // Stable callbacks, so that panels memoised on them skip the re-renders of a canvas drag.
  const performCommand = useCallback(
    (command: ProcessCommand) => setHistory((h) => (h ? perform(h, command) : h)),
    [],
  );
  const undoCommand = useCallback(() => setHistory((h) => (h ? undo(h) : h)), []);
  const redoCommand = useCallback(() => setHistory((h) => (h ? redo(h) : h)), []);

  return {
    definition,
    loadError,
    status,
    message,
    setMessage,
    savedAt,
    canUndo: (history?.past.length ?? 0) > 0,
    canRedo: (history?.future.length ?? 0) > 0,
    /** The commands the next undo and redo would apply. */
    nextUndo: history?.past[history.past.length - 1],
    nextRedo: history?.future[0],
    perform: performCommand,
    undo: undoCommand,
    redo: redoCommand,
    save,
    publish,
  };
}
