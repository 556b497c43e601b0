// Export and import of a process definition as a JSON file. An import is one undoable command.
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '@crm/definitions';
import type { ProcessMeta } from './flow-mapping';
import type { ProcessCommand } from './process-commands';

export function downloadDefinition(definition: ProcessDefinition, processKey: string): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${processKey}.process.json`;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The command that replaces the definition with the file's content, keeping the process key (the
 * draft being edited is this one, whatever the file calls itself). The validators judge the rest.
 */
export function importCommand(before: ProcessDefinition, text: string, processKey: string): ProcessCommand {
  const parsed = JSON.parse(text) as ProcessMeta & { nodes: ProcessNode[]; edges: ProcessEdge[] };
  if (!Array.isArray(parsed.nodes) || !Array.isArray(parsed.edges))
    throw new Error('The file is not a process definition.');
  const after = { ...parsed, key: processKey };
  return { label: 'Import', execute: () => after, revert: () => before };
}
