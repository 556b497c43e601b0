// Entities: an overview diagram, a way to start a new entity, and the editor of the chosen one.
import { useState } from 'react';
import type { EntityDefinition } from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { EntityEditor } from './entity-editor';
import { EntityOverview } from './entity-overview';

export function EntityDesigner({
  workspace,
  selectedKey,
  onSaved,
}: {
  workspace: Workspace;
  selectedKey?: string;
  onSaved(): Promise<void>;
}) {
  const [newKey, setNewKey] = useState('');
  const [created, setCreated] = useState<EntityDefinition | null>(null);
  const selected =
    workspace.entities.find((e) => e.key === selectedKey) ??
    (created?.key === selectedKey ? created : undefined);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Entities</h1>
        <form
          className="row gap"
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^[a-z][a-z0-9_]{0,62}$/.test(newKey)) return;
            const label = newKey.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
            setCreated({
              key: newKey,
              label,
              pluralLabel: `${label}s`,
              titleField: 'name',
              fields: [{ key: 'name', label: 'Name', type: 'text', required: true }],
            });
            window.location.hash = `#/entities/${newKey}`;
          }}
        >
          <input
            className="input"
            aria-label="New entity key"
            placeholder="new_entity_key"
            value={newKey}
            onChange={(e) => setNewKey(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary">
            New entity
          </button>
        </form>
      </div>
      <EntityOverview
        entities={workspace.entities}
        onPick={(key) => {
          window.location.hash = `#/entities/${key}`;
        }}
      />
      {selected && <EntityEditor initial={selected} workspace={workspace} onSaved={onSaved} />}
    </div>
  );
}
