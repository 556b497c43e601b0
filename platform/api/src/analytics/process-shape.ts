import type { EndNode, ProcessDefinition, StageNode } from '@crm/definitions';
import { BadRequestError } from '../http/problems';
import type { EntityLike, FieldLike } from '../records/field-sql';
import { safeKey } from '../records/field-sql';
import { stagePath } from '../process-state/stage-path';

/** What the funnel reads of a stage node. */
export interface StageShape {
  id: string;
  label: string;
  /** The stage's win probability in percent (0 when the definition gives none). */
  probability: number;
  /** Position in the pipeline: stages on the main path first, in order, then the others. */
  rank: number;
}

export interface EndShape {
  id: string;
  label: string;
  outcome: 'won' | 'lost' | 'closed';
}

/** Everything the analytics queries take from the definitions, so none of it is hard-coded. */
export interface ProcessShape {
  key: string;
  label: string;
  entity: string;
  stages: StageShape[];
  ends: EndShape[];
  /** The money field that is summed; undefined when the entity has none. */
  amountField: FieldLike | undefined;
}

/**
 * The definition language has no "this is the deal value" marker, so the amount is the entity's
 * first money field (the same rule the kanban and the record cards use), unless the caller names
 * another money field of the entity.
 */
export function chooseAmountField(entity: EntityLike, requested: string | undefined): FieldLike | undefined {
  if (requested === undefined) return entity.fields.find((field) => field.type === 'money');
  const field = entity.fields.find((candidate) => candidate.key === requested);
  if (field?.type !== 'money')
    throw new BadRequestError(`"${requested}" is not a money field of "${entity.key}".`, [
      {
        field: 'amountField',
        rule: 'moneyField',
        message: `Choose a money field of ${entity.label}: ${
          entity.fields
            .filter((candidate) => candidate.type === 'money')
            .map((candidate) => candidate.key)
            .join(', ') || 'it has none'
        }.`,
      },
    ]);
  return field;
}

/** The stage nodes in pipeline order: the main path of the graph, then the others in definition order. */
export function orderedStageNodes(definition: ProcessDefinition): StageNode[] {
  const ordered: StageNode[] = [...stagePath(definition).stages];
  for (const node of definition.nodes)
    if (node.type === 'stage' && !ordered.some((stage) => stage.id === node.id)) ordered.push(node);
  return ordered;
}

/**
 * Stages in pipeline order: the main path derived from the graph (the same order as the stage path
 * and kanban), then any stage off that path in definition order, so every stage is reported.
 */
export function processShape(
  definition: ProcessDefinition,
  entity: EntityLike,
  amountFieldKey?: string,
): ProcessShape {
  const ordered = orderedStageNodes(definition);
  const amountField = chooseAmountField(entity, amountFieldKey);
  if (amountField !== undefined) safeKey(amountField.key);
  return {
    key: definition.key,
    label: definition.label,
    entity: safeKey(definition.entity),
    stages: ordered.map((stage, rank) => ({
      id: stage.id,
      label: stage.label,
      probability: stage.probability ?? 0,
      rank,
    })),
    ends: definition.nodes
      .filter((node): node is EndNode => node.type === 'end')
      .map((end) => ({ id: end.id, label: end.label, outcome: end.outcome })),
    amountField,
  };
}
