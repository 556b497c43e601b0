// Shown when publishing an entity is refused because forms, templates or processes would no
// longer fit it: what stands in the way, links to adapt each, and one atomic publish with their
// drafts once every one has a draft.
import type { StoredKind } from '@crm/definitions';
import { describeDefinition, editorLink, type DependentDefinition } from './publish-together';

export function BlockersPanel({
  dependents,
  onPublishTogether,
}: {
  dependents: readonly DependentDefinition[];
  onPublishTogether(items: { kind: StoredKind; key: string }[]): void;
}) {
  const ready = dependents.every((d) => d.drafted);
  return (
    <div className="blockers" data-testid="blockers" role="region" aria-label="Definitions in the way">
      <p>
        <strong>Other definitions would no longer fit this version.</strong> Adapt them in their designers
        (their drafts are kept), then publish them together with this entity in one step.
      </p>
      <ul>
        {dependents.map((d) => {
          const link = editorLink(d);
          return (
            <li key={`${d.kind}:${d.key}`}>
              {link ? <a href={link}>{describeDefinition(d)}</a> : describeDefinition(d)}{' '}
              <span className={`badge ${d.drafted ? 'badge-ok' : 'badge-warn'}`}>
                {d.drafted ? 'draft saved' : 'no draft yet'}
              </span>
              <ul className="small">
                {d.messages.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="btn btn-primary btn-sm"
        disabled={!ready}
        title={ready ? undefined : 'Each of them needs a draft first.'}
        onClick={() => onPublishTogether(dependents.map(({ kind, key }) => ({ kind, key })))}
      >
        Publish together with {dependents.length} draft{dependents.length === 1 ? '' : 's'}
      </button>
    </div>
  );
}
