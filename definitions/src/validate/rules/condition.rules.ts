import { walkComparisons } from '../../conditions/condition-walk';
import type { Condition } from '../../generated/common.generated';
import type { EntityDefinition } from '../../generated/entity.generated';
import { resolveFieldPath } from '../../records/fields';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';
import type { RuleContext } from '../rule-context';

/** Where a field path or condition is used, for messages and error metadata. */
export interface UseSite {
  site: ErrorSite;
  /** Who uses it, in words: `Transition “Won”`. */
  where: string;
  extra?: Pick<DefinitionError, 'nodeId' | 'edgeId' | 'fieldKey'>;
}

/** unknown-field when a field path does not exist on the entity. */
export function checkFieldPath(
  use: UseSite,
  entity: EntityDefinition,
  fieldPath: string,
  path: string,
  ctx: RuleContext,
): DefinitionError[] {
  const resolved = resolveFieldPath(entity, fieldPath, ctx.entity);
  if (resolved.status !== 'missing') return [];
  return [
    definitionError(
      use.site,
      'unknown-field',
      path,
      `${use.where} refers to the field ${q(fieldPath)}, but ${resolved.reason}.`,
      use.extra,
    ),
  ];
}

/**
 * Checks a condition against the entity it is evaluated on: every field exists, choice values
 * are options of the field, and "$stage" values are stages of the entity's processes.
 */
export function checkCondition(
  use: UseSite,
  entity: EntityDefinition,
  condition: Condition,
  path: string,
  ctx: RuleContext,
  stages: ReadonlySet<string> | undefined = ctx.stagesOf(entity.key),
): DefinitionError[] {
  return walkComparisons(condition, path).flatMap(({ comparison, path: at }) => {
    const values = (
      Array.isArray(comparison.value)
        ? comparison.value.map((v, i) => ({ v, at: `${at}/value/${i}` }))
        : [{ v: comparison.value, at: `${at}/value` }]
    ).filter(({ v }) => v !== null && v !== undefined);
    if (comparison.field === '$owner') return [];
    if (comparison.field === '$stage') {
      return values
        .filter(({ v }) => stages !== undefined && !stages.has(String(v)))
        .map(({ v, at: valueAt }) =>
          definitionError(
            use.site,
            'unknown-stage',
            valueAt,
            `${use.where} checks for the stage ${q(String(v))}, but no process of ${entity.label} has that stage.`,
            use.extra,
          ),
        );
    }
    const resolved = resolveFieldPath(entity, comparison.field, ctx.entity);
    if (resolved.status === 'missing')
      return checkFieldPath(use, entity, comparison.field, `${at}/field`, ctx);
    if (resolved.status !== 'found') return [];
    const field = resolved.field;
    if (
      (field.type !== 'enum' && field.type !== 'multiEnum') ||
      comparison.op === 'isSet' ||
      comparison.op === 'isNotSet'
    ) {
      return [];
    }
    const options = field.options.map((o) => o.value);
    return values
      .filter(({ v }) => !options.includes(String(v)))
      .map(({ v, at: valueAt }) =>
        definitionError(
          use.site,
          'enum-value-invalid',
          valueAt,
          `${use.where} compares ${q(field.label)} with ${q(String(v))}, which is not one of its options (${options.join(', ')}).`,
          use.extra,
        ),
      );
  });
}
