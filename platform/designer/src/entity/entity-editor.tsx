// One entity's editor: name, title field, the field table, segment-dependent field groups; live
// validation with the shared rules; draft and publish, with the migration prompt when publishing
// would remove or retype fields that hold data.
import { useMemo, useState } from 'react';
import { validateDefinition, type EntityDefinition, type StoredKind } from '@crm/definitions';
import { ApiError, errorMessage } from '@crm/runtime-ui/ui';
import { api } from '../api/definitions-api';
import { DraftBar } from '../shared/draft-bar';
import { useDefinitionDraft } from '../shared/use-definition-draft';
import { validationContext, type Workspace } from '../shared/workspace';
import {
  affectedFields,
  migrationReport,
  resolvePrompt,
  type AffectedField,
  type MigrationChoice,
} from './destructive-change';
import { FieldGroupsEditor } from './field-groups-editor';
import { removeField, renameField } from './field-groups';
import { FieldRow } from './field-row';
import { MigrationPrompt } from './migration-prompt';
import { BlockersPanel } from './blockers-panel';
import { dependentDefinitions, type DependentDefinition } from './publish-together';

type Together = readonly { kind: StoredKind; key: string }[];

interface Prompt {
  published: EntityDefinition;
  fields: AffectedField[];
  together: Together;
}

async function publishedEntity(key: string): Promise<EntityDefinition | undefined> {
  return (await api.published<EntityDefinition>('entity')).find((v) => v.key === key)?.content;
}

export function EntityEditor({
  initial,
  workspace,
  onSaved,
}: {
  initial: EntityDefinition;
  workspace: Workspace;
  onSaved(): Promise<void>;
}) {
  const draft = useDefinitionDraft('entity', initial, onSaved);
  const entity = draft.value;
  const setEntity = draft.set;
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [blockers, setBlockers] = useState<DependentDefinition[] | null>(null);
  const errors = useMemo(
    () => validateDefinition('entity', entity, validationContext(workspace)),
    [entity, workspace],
  );
  const groupOf = useMemo(() => {
    const map = new Map<string, string>();
    for (const g of entity.fieldGroups ?? []) for (const k of g.fields) map.set(k, g.label);
    return map;
  }, [entity.fieldGroups]);

  const publish = async (together: Together = []) => {
    setBlockers(null);
    const answer = await draft.publish({ quiet: true, together });
    if (answer.ok) return;
    const error = answer.error;
    if (error instanceof ApiError && error.status === 409) {
      const published = await publishedEntity(entity.key).catch(() => undefined);
      const fields = published ? affectedFields(error.errors, published, entity) : [];
      if (published && fields.length > 0) return setPrompt({ published, fields, together });
    }
    const dependents =
      error instanceof ApiError && error.status === 422
        ? dependentDefinitions(error.errors, { kind: 'entity', key: entity.key }, workspace.drafted)
        : [];
    if (dependents.length > 0) {
      setBlockers(dependents);
      return draft.setMessage({ tone: 'error', text: `Publishing was refused: ${errorMessage(error)}` });
    }
    draft.setMessage({
      tone: 'error',
      text: `Publishing was refused: ${errorMessage(error)}`,
      errors: error instanceof ApiError ? error.errors : [],
    });
  };

  const confirm = async (choices: Record<string, MigrationChoice>) => {
    if (!prompt) return;
    const outcome = resolvePrompt(entity, prompt.published, prompt.fields, choices);
    if (outcome.kind !== 'publish') return;
    setPrompt(null);
    const answer = await draft.publish({
      content: outcome.entity,
      migration: outcome.migration,
      together: prompt.together,
    });
    if (!answer.ok) return;
    draft.setMessage({
      tone: 'ok',
      text: [
        `Published as version ${answer.version}.`,
        ...migrationReport(prompt.fields, choices, answer.migrated),
      ].join(' '),
    });
  };

  return (
    <div className="card entity-editor" data-testid="entity-editor">
      <div className="page-head">
        <h2>
          {entity.label} <code>{entity.key}</code>
        </h2>
      </div>
      <DraftBar
        kind="entity"
        draft={draft}
        problems={errors}
        isPublished={workspace.published.entity.has(entity.key)}
        hasDraft={workspace.drafted.entity.has(entity.key)}
        onPublish={() => void publish()}
      />
      {blockers && <BlockersPanel dependents={blockers} onPublishTogether={(items) => void publish(items)} />}
      <div className="row gap wrap">
        <label className="field">
          <span>Name</span>
          <input
            className="input"
            value={entity.label}
            onChange={(e) => setEntity({ ...entity, label: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Plural</span>
          <input
            className="input"
            value={entity.pluralLabel}
            onChange={(e) => setEntity({ ...entity, pluralLabel: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Title field</span>
          <select
            className="input"
            value={entity.titleField ?? ''}
            onChange={(e) => setEntity({ ...entity, titleField: e.target.value })}
          >
            <option value="">—</option>
            {entity.fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Key</th>
            <th>Label</th>
            <th>Type</th>
            <th>Required</th>
            <th>Unique</th>
            <th>Indexed</th>
            <th>Group</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entity.fields.map((f, i) => (
            <FieldRow
              key={i}
              field={f}
              entities={workspace.entities}
              group={groupOf.get(f.key)}
              onChange={(nf) =>
                setEntity({ ...entity, fields: entity.fields.map((x, j) => (j === i ? nf : x)) })
              }
              onRename={(key) => setEntity(renameField(entity, f.key, key))}
              onRemove={() => setEntity(removeField(entity, i))}
            />
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() =>
          setEntity({
            ...entity,
            fields: [
              ...entity.fields,
              {
                key: `field_${entity.fields.length + 1}`,
                label: `Field ${entity.fields.length + 1}`,
                type: 'text',
              },
            ],
          })
        }
      >
        + Field
      </button>
      <FieldGroupsEditor entity={entity} entities={workspace.entities} onChange={setEntity} />
      {prompt && (
        <MigrationPrompt
          entityLabel={entity.label}
          fields={prompt.fields}
          onCancel={() => setPrompt(null)}
          onConfirm={(choices) => void confirm(choices)}
        />
      )}
    </div>
  );
}
