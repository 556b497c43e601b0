export type {
  DefinitionChange,
  DefinitionChangeSeverity,
  DefinitionChangeType,
  DestructiveFieldChange,
  DiffContext,
  DiffDefinitionByKind,
  DiffDefinitionKind,
} from './diff.types';
export { diffDefinitions, diffSolutions } from './diff-definitions';
export { destructiveFieldChanges } from './entity-diff';
