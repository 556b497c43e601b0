// Renders the designer's properties tab around a process held in an undo/redo history, as the
// designer does, with Undo and Redo buttons (the selection follows renamed nodes, as there); the
// test reads the definition the edits produce.
import { useMemo, useState } from 'react';
import path from 'node:path';
import { validateDefinition, type ProcessDefinition, type Solution } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { validationContext, type Workspace } from '../shared/workspace';
import { PropertiesTab } from '../process/designer-side-panel';
import { perform, redo, startHistory, undo, type History } from '../process/history';
import { selectionAfter } from '../process/rename-node';
import type { Selection } from '../process/use-canvas-elements';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');

/** The shipped B2B solution as the designer's workspace (everything published, nothing drafted). */
export async function b2bWorkspace(): Promise<Workspace> {
  const solution: Solution = await loadSolutionFromDirectory(B2B);
  const none = () => new Set<string>();
  const sets = {
    entity: none(),
    form: none(),
    process: none(),
    mailTemplate: none(),
    role: none(),
    calendar: none(),
  };
  return {
    entities: solution.entities ?? [],
    forms: solution.forms ?? [],
    processes: solution.processes ?? [],
    mailTemplates: solution.mailTemplates ?? [],
    roles: solution.roles ?? [],
    calendars: solution.calendars ?? [],
    drafted: sets,
    published: sets,
  };
}

export interface HarnessProbe {
  /** The definition as the edits left it. */
  current(): ProcessDefinition;
  /** How many undo steps the edits made. */
  steps(): number;
}

export function PropertiesHarness({
  initial,
  workspace,
  select,
  probe,
}: {
  initial: ProcessDefinition;
  workspace: Workspace;
  select: Selection;
  probe: { current?: HarnessProbe };
}) {
  const [history, setHistory] = useState<History>(() => startHistory(initial));
  const [selected, setSelected] = useState<Selection>(select);
  const errors = useMemo(
    () => validateDefinition('process', history.present, validationContext(workspace)),
    [history.present, workspace],
  );
  probe.current = { current: () => history.present, steps: () => history.past.length };
  return (
    <div>
      <button
        type="button"
        onClick={() => {
          setSelected((s) => selectionAfter(s, history.past[history.past.length - 1], true));
          setHistory(undo);
        }}
      >
        Undo
      </button>
      <button
        type="button"
        onClick={() => {
          setSelected((s) => selectionAfter(s, history.future[0], false));
          setHistory(redo);
        }}
      >
        Redo
      </button>
      <PropertiesTab
        definition={history.present}
        selected={selected}
        workspace={workspace}
        errors={errors}
        run={(command) => setHistory((h) => perform(h, command))}
        onSelect={setSelected}
      />
    </div>
  );
}
