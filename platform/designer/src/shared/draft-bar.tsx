// The draft toolbar shared by the entity, form and mail-template editors: save state, save draft,
// publish (refused while the shared rules find problems), the changes against the published
// version in business terms, and the problems themselves.
import { useEffect, useState } from 'react';
import type { DefinitionChange, DefinitionError, StoredKind, VersionMeta } from '@crm/definitions';
import { ApiError, errorMessage } from '@crm/runtime-ui/ui';
import { api } from '../api/definitions-api';
import type { DefinitionDraft, DraftStatus } from './use-definition-draft';

const STATUS_TEXT: Record<DraftStatus, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
};

export function DraftBar<T extends { key: string }>({
  kind,
  draft,
  problems,
  isPublished,
  hasDraft,
  onPublish,
}: {
  kind: StoredKind;
  draft: DefinitionDraft<T>;
  problems: readonly DefinitionError[];
  isPublished: boolean;
  /** A draft is stored (it can be discarded). */
  hasDraft: boolean;
  /** Replaces the plain publish (the entity editor adds its migration prompt). */
  onPublish?: () => void;
}) {
  const [showChanges, setShowChanges] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  return (
    <div className="draft-bar" data-testid={`${kind}-draft-bar`}>
      <div className="row gap wrap">
        <span className={`save-status save-${draft.status}`} data-testid="save-status">
          {STATUS_TEXT[draft.status]}
        </span>
        <span className="muted small">{isPublished ? 'Published' : 'Never published'}</span>
        <span className="grow" />
        {isPublished && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setShowChanges((s) => !s)}>
            {showChanges ? 'Hide changes' : 'Changes since published'}
          </button>
        )}
        {hasDraft &&
          (confirmDiscard ? (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => {
                setConfirmDiscard(false);
                void draft.discard();
              }}
            >
              Really discard the draft?
            </button>
          ) : (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setConfirmDiscard(true)}>
              Discard draft
            </button>
          ))}
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => void draft.save()}>
          Save draft
        </button>
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={problems.length > 0 || draft.status === 'saving'}
          title={problems.length > 0 ? 'Fix the problems listed below first.' : undefined}
          onClick={() => (onPublish ? onPublish() : void draft.publish())}
        >
          Publish
        </button>
      </div>
      {draft.message && (
        <div
          className={`banner ${draft.message.tone === 'ok' ? 'banner-ok' : 'banner-error'}`}
          role={draft.message.tone === 'error' ? 'alert' : 'status'}
        >
          {draft.message.text}
          {(draft.message.errors?.length ?? 0) > 0 && (
            <ul>
              {draft.message.errors?.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {showChanges && isPublished && (
        <ChangesList kind={kind} definitionKey={draft.value.key} savedAt={draft.savedAt} />
      )}
      <ProblemList problems={problems} />
    </div>
  );
}

export function ProblemList({ problems }: { problems: readonly DefinitionError[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems" data-testid="problems" aria-label="Problems">
      {problems.map((e, i) => (
        <li key={`${e.rule}-${e.path}-${i}`} className="problem-static">
          <span className="problem-rule">{e.rule}</span> {e.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The saved draft against the latest published version (autosave keeps it current), and the
 * published versions.
 */
function ChangesList({
  kind,
  definitionKey,
  savedAt,
}: {
  kind: StoredKind;
  definitionKey: string;
  savedAt: number;
}) {
  const [changes, setChanges] = useState<DefinitionChange[] | null>(null);
  const [versions, setVersions] = useState<VersionMeta[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.diff(kind, definitionKey).then(
      (c) => live && setChanges(c),
      // Without a draft there is nothing to compare: the published version is current.
      (e: unknown) =>
        live && (e instanceof ApiError && e.status === 404 ? setChanges([]) : setError(errorMessage(e))),
    );
    api.versions(kind, definitionKey).then(
      (v) => live && setVersions(v),
      () => undefined, // The changes above already report a failing API.
    );
    return () => {
      live = false;
    };
  }, [kind, definitionKey, savedAt]);
  if (error) return <p className="form-error">{error}</p>;
  return (
    <div className="changes-panel" data-testid="changes">
      {!changes ? (
        <p className="muted small">Comparing…</p>
      ) : changes.length === 0 ? (
        <p className="muted small">The draft equals the published version.</p>
      ) : (
        <ul className="changes" data-testid="diff">
          {changes.map((c, i) => (
            <li
              key={i}
              className={`change change-${c.change} ${c.severity === 'destructive' ? 'change-destructive' : ''}`}
            >
              <span className="change-tag">{c.change}</span> {c.message}
            </li>
          ))}
        </ul>
      )}
      {versions.length > 0 && (
        <p className="muted small">
          Published versions:{' '}
          {versions
            .slice()
            .reverse()
            .map(
              (v) => `v${v.version}${v.publishedAt ? ` (${new Date(v.publishedAt).toLocaleString()})` : ''}`,
            )
            .join(', ')}
        </p>
      )}
    </div>
  );
}
