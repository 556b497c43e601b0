// Editing one definition (entity, form, mail template) as a draft: the working copy, whether it
// differs from what was last saved, autosave and explicit save (as in the process designer), and
// publish (optionally with a data migration).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProblemEntry, PublishResult, StoredKind } from '@crm/definitions';
import { ApiError, errorMessage } from '@crm/runtime-ui/ui';
import { api } from '../api/definitions-api';

export type DraftStatus = 'saved' | 'unsaved' | 'saving' | 'error';

export interface DraftMessage {
  tone: 'ok' | 'error';
  text: string;
  errors?: readonly ProblemEntry[];
}

export interface PublishOptions<T> {
  content?: T;
  migration?: unknown;
  quiet?: boolean;
  together?: readonly { kind: StoredKind; key: string }[];
}

export type PublishAnswer =
  | { ok: true; version: number; created: boolean; migrated?: PublishResult['migrated'] }
  | { ok: false; error: unknown };

export interface DefinitionDraft<T> {
  value: T;
  set(next: T): void;
  status: DraftStatus;
  message: DraftMessage | null;
  setMessage(m: DraftMessage | null): void;
  /** Saves the working copy (or `content`, which becomes the working copy) as the draft. */
  save(content?: T, options?: { quiet?: boolean }): Promise<boolean>;
  /**
   * Saves, then publishes (with `together`: other drafts in the same atomic publish); a refusal
   * is returned (and shown unless `quiet`) rather than thrown.
   */
  publish(options?: PublishOptions<T>): Promise<PublishAnswer>;
  /** Deletes the draft and goes back to the published version (if there is one). */
  discard(): Promise<void>;
  /** Bumped after each save and publish, for panels that re-read versions and diffs. */
  savedAt: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const AUTOSAVE_MS = 1500;

export function useDefinitionDraft<T extends { key: string }>(
  kind: StoredKind,
  initial: T,
  onSaved: () => Promise<void> | void,
): DefinitionDraft<T> {
  const [value, setValue] = useState(initial);
  const [status, setStatus] = useState<DraftStatus>('saved');
  const [message, setMessage] = useState<DraftMessage | null>(null);
  const [savedAt, setSavedAt] = useState(0);
  const saved = useRef<T>(initial);
  // The newest working copy, for saves that finish after further edits.
  const latest = useRef<T>(initial);

  // A different definition was opened. Reloads of the same one (after a save) keep the edits.
  useEffect(() => {
    saved.current = initial;
    latest.current = initial;
    setValue(initial);
    setStatus('saved');
    setMessage(null);
  }, [kind, initial.key]);

  const set = useCallback((next: T) => {
    latest.current = next;
    setValue(next);
    setStatus(same(next, saved.current) ? 'saved' : 'unsaved');
  }, []);

  const save = useCallback(
    async (content?: T, options: { quiet?: boolean } = {}): Promise<boolean> => {
      const doc = content ?? value;
      if (content) {
        latest.current = content;
        setValue(content);
      }
      setStatus('saving');
      try {
        await api.saveDraft(kind, doc.key, doc);
        saved.current = doc;
        setStatus(same(latest.current, doc) ? 'saved' : 'unsaved');
        setSavedAt(Date.now());
        if (!options.quiet) setMessage({ tone: 'ok', text: 'Draft saved.' });
        await onSaved();
        return true;
      } catch (e) {
        setStatus('error');
        setMessage({
          tone: 'error',
          text: `Saving failed: ${errorMessage(e)}`,
          errors: e instanceof ApiError ? e.errors : [],
        });
        return false;
      }
    },
    [kind, value, onSaved],
  );

  useEffect(() => {
    if (status !== 'unsaved') return;
    const timer = window.setTimeout(() => void save(undefined, { quiet: true }), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [value, status, save]);

  const publish = useCallback(
    async (options: PublishOptions<T> = {}): Promise<PublishAnswer> => {
      const doc = options.content ?? value;
      if (!(await save(doc, { quiet: true })))
        return { ok: false, error: new Error('The draft could not be saved.') };
      try {
        const result = await api.publish(
          [{ kind, key: doc.key }, ...(options.together ?? [])],
          options.migration,
        );
        const item = result.items.find((i) => i.kind === kind && i.key === doc.key);
        setSavedAt(Date.now());
        setMessage({
          tone: 'ok',
          text: item
            ? `Published as version ${item.version}${item.created ? '' : ' (no changes since the last version)'}.`
            : 'Published.',
        });
        await onSaved();
        return {
          ok: true,
          version: item?.version ?? 0,
          created: item?.created ?? false,
          ...(item?.migrated ? { migrated: item.migrated } : {}),
        };
      } catch (e) {
        if (!options.quiet)
          setMessage({
            tone: 'error',
            text: `Publishing was refused: ${errorMessage(e)}`,
            errors: e instanceof ApiError ? e.errors : [],
          });
        return { ok: false, error: e };
      }
    },
    [kind, value, save, onSaved],
  );

  const discard = useCallback(async () => {
    try {
      await api.deleteDraft(kind, value.key).catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      });
      const published = (await api.published<T>(kind)).find((v) => v.key === value.key);
      if (published) {
        saved.current = published.content;
        latest.current = published.content;
        setValue(published.content);
        setStatus('saved');
      }
      setSavedAt(Date.now());
      setMessage({
        tone: 'ok',
        text: published
          ? `Draft discarded: back to the published version ${published.version}.`
          : 'Draft discarded. It was never published, so nothing of it is left.',
      });
      await onSaved();
    } catch (e) {
      setMessage({ tone: 'error', text: `Discarding failed: ${errorMessage(e)}` });
    }
  }, [kind, value.key, onSaved]);

  return { value, set, status, message, setMessage, save, publish, discard, savedAt };
}
