import {
  applyDerivations,
  destructiveFieldChanges,
  diffDefinitions,
  getRecordValidator,
  validateDefinition,
  validateSolution,
  type DefinitionError,
  type EntityDefinition,
} from '@crm/definitions';
import { contentHash } from '@crm/definitions/node';
import type { EntityLike } from '../records/field-sql';
import type { RecordRules } from '../records/records.service';
import type { DefinitionKind } from './versions.repository';

export type DefinitionProblem = DefinitionError;

/**
 * The one seam between the API and the definition language package: everything the API asks of
 * `@crm/definitions` goes through here.
 */
export const language = {
  validateSolution(solution: unknown): DefinitionProblem[] {
    return validateSolution(solution);
  },
  validateDefinition(kind: DefinitionKind, content: unknown): DefinitionProblem[] {
    return validateDefinition(kind, content);
  },
  contentHash(content: unknown): string {
    return contentHash(content);
  },
  diffDefinitions(kind: DefinitionKind, before: unknown, after: unknown) {
    return diffDefinitions(kind, before as never, after as never);
  },
  /** Removed or retyped fields: the changes that can lose stored record data. */
  destructiveFieldChanges(before: EntityLike, after: EntityLike) {
    return destructiveFieldChanges(
      before as unknown as EntityDefinition,
      after as unknown as EntityDefinition,
    );
  },
};

export const recordRules: RecordRules = {
  validate(published, data) {
    // Derived values were computed by the platform just before, so the schema must accept them.
    const validator = getRecordValidator(
      published.entity as unknown as EntityDefinition,
      published.contentHash,
      {
        includeDerived: true,
      },
    );
    return validator(data);
  },
  derive(published, data) {
    return applyDerivations(published.entity as unknown as EntityDefinition, data);
  },
};
