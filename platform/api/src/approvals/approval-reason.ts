import {
  describeCondition,
  type Condition,
  type EntityDefinition,
  type ProcessDefinition,
} from '@crm/definitions';

/**
 * Why an approval level is asked, in business terms, read from the process definition: the
 * conditions of the edges leading into the approval node (a decision's "discount above 10 %"), the
 * node's own condition and the level's condition (e.g. "above 25 % the director approves too").
 * Null when the approval is unconditional.
 */
export function approvalReason(
  definition: ProcessDefinition,
  nodeId: string,
  levelIndex: number,
  entity: EntityDefinition | undefined,
  entities: readonly EntityDefinition[],
): string | null {
  const node = definition.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.type !== 'approval') return null;
  const describe = (condition: Condition, fallback?: string): string | undefined => {
    if (entity === undefined) return fallback;
    try {
      return describeCondition(condition, entity, { entities });
    } catch {
      // A condition the describer cannot read (a field removed since) is shown by its label.
      return fallback;
    }
  };
  const parts: string[] = [];
  for (const edge of definition.edges) {
    if (edge.target !== nodeId) continue;
    const text = edge.condition !== undefined ? describe(edge.condition, edge.label) : undefined;
    if (text !== undefined && !parts.includes(text)) parts.push(text);
  }
  if (node.condition !== undefined) {
    const text = describe(node.condition);
    if (text !== undefined && !parts.includes(text)) parts.push(text);
  }
  const level = node.levels[levelIndex];
  if (level?.condition !== undefined) {
    const text = describe(level.condition);
    if (text !== undefined && !parts.includes(text)) parts.push(text);
  }
  return parts.length === 0 ? null : parts.join('; ');
}
