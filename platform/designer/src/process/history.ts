// Undo/redo over process commands: a pure value, so that the React layer only stores it.
import type { ProcessDefinition } from '@crm/definitions';
import type { ProcessCommand } from './process-commands';

export interface History {
  present: ProcessDefinition;
  past: readonly ProcessCommand[];
  future: readonly ProcessCommand[];
}

const LIMIT = 200;

export function startHistory(definition: ProcessDefinition): History {
  return { present: definition, past: [], future: [] };
}

export function perform(history: History, command: ProcessCommand): History {
  return {
    present: command.execute(history.present),
    past: [...history.past, command].slice(-LIMIT),
    future: [],
  };
}

export function undo(history: History): History {
  const command = history.past[history.past.length - 1];
  if (!command) return history;
  return {
    present: command.revert(history.present),
    past: history.past.slice(0, -1),
    future: [command, ...history.future],
  };
}

export function redo(history: History): History {
  const [command, ...rest] = history.future;
  if (!command) return history;
  return { present: command.execute(history.present), past: [...history.past, command], future: rest };
}
