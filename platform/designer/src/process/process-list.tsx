import { useState, type FormEvent } from 'react';
import type { ProcessDefinition } from '@crm/definitions';
import { api } from '../api/definitions-api';
import { errorMessage } from '@crm/runtime-ui/ui';
import type { Workspace } from '../shared/workspace';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

export function ProcessList({ workspace, onChanged }: { workspace: Workspace; onChanged(): Promise<void> }) {
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [entity, setEntity] = useState(workspace.entities[0]?.key ?? '');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const suggested =
    key ||
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^[^a-z]+/, '');

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!KEY.test(suggested))
      return setError(
        'The technical name must start with a letter and use lower-case letters, digits and underscores.',
      );
    if (workspace.processes.some((p) => p.key === suggested))
      return setError(`A process "${suggested}" exists already.`);
    const definition: ProcessDefinition = {
      key: suggested,
      label: label || suggested,
      entity,
      triggers: [{ type: 'onCreate' }],
      nodes: [],
      edges: [],
    };
    try {
      await api.saveDraft('process', suggested, definition);
      await onChanged();
      window.location.hash = `#/process/${suggested}`;
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const exportSolution = async () => {
    const solution = await api.exportSolution();
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(solution, null, 2)], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `${String(solution.key ?? 'solution')}.solution.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const importSolution = async (file: File) => {
    try {
      const result = await api.importSolution(JSON.parse(await file.text()));
      setNote(`Imported and published ${result.items.length} definitions.`);
      await onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Processes</h1>
        <div className="row gap">
          <button type="button" className="btn btn-ghost" onClick={() => void exportSolution()}>
            Export solution
          </button>
          <label className="btn btn-ghost">
            Import solution
            <input
              type="file"
              accept=".json"
              hidden
              onChange={(e) => e.target.files?.[0] && void importSolution(e.target.files[0])}
            />
          </label>
        </div>
      </div>
      {note && <div className="banner banner-ok">{note}</div>}
      <div className="cards">
        {workspace.processes.map((p) => (
          <a key={p.key} className="card card-link" href={`#/process/${p.key}`} data-process={p.key}>
            <div className="card-title">{p.label}</div>
            <div className="muted small">
              {workspace.entities.find((e) => e.key === p.entity)?.pluralLabel ?? p.entity} · {p.nodes.length}{' '}
              steps
            </div>
            <div className="badges">
              {workspace.published.process.has(p.key) && <span className="badge badge-ok">published</span>}
              {workspace.drafted.process.has(p.key) && <span className="badge badge-warn">draft</span>}
            </div>
          </a>
        ))}
        {workspace.processes.length === 0 && <p className="muted">No processes yet.</p>}
      </div>
      <form className="card new-form" onSubmit={(e) => void create(e)} aria-label="New process">
        <h2>New process</h2>
        <div className="row gap wrap">
          <label className="field">
            <span>Name</span>
            <input
              className="input"
              aria-label="New process name"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              required
            />
          </label>
          <label className="field">
            <span>Technical name</span>
            <input
              className="input"
              aria-label="New process key"
              value={key}
              placeholder={suggested}
              onChange={(e) => setKey(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Records of</span>
            <select
              className="input"
              aria-label="New process entity"
              value={entity}
              onChange={(e) => setEntity(e.target.value)}
            >
              {workspace.entities.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>
          <button className="btn btn-primary" type="submit" disabled={!entity}>
            Create and open
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
