import { evaluateCondition } from '../conditions/evaluate-condition';
import type { ConditionContext, RecordData } from '../conditions/evaluate-condition';
import type { EntityDefinition } from '../generated/entity.generated';

/**
 * Computes the derived fields of a record (call it on every write). For each derived field, in
 * the entity's field order, the first case whose condition holds gives the value, else
 * "otherwise", else the field is left empty. Later derived fields see earlier results. Returns a
 * new object; the input is not changed.
 */
export function applyDerivations(
  entity: EntityDefinition,
  data: RecordData,
  context: Omit<ConditionContext, 'record'> = {},
): RecordData {
  const result: RecordData = { ...data };
  for (const field of entity.fields) {
    const derive = field.derive;
    if (!derive) continue;
    const match = derive.cases.find((c) => evaluateCondition(c.when, { ...context, record: result }));
    if (match) result[field.key] = match.value;
    else if ('otherwise' in derive) result[field.key] = derive.otherwise;
    else delete result[field.key];
  }
  return result;
}
