import type { EntityDefinition } from './definition-types';

/**
 * The label people know a field path by: "Budget", or "Account › Segment" for a path through a
 * reference field. Falls back to the path itself when the entities are not known.
 */
export function fieldPathLabel(
  path: string,
  entityKey: string,
  entities: readonly EntityDefinition[] = [],
): string {
  const entity = entities.find((candidate) => candidate.key === entityKey);
  const [head = path, tail] = path.split('.', 2);
  const field = entity?.fields.find((candidate) => candidate.key === head);
  const headLabel = field?.label ?? head;
  if (tail === undefined) return headLabel;
  const relatedKey = field?.type === 'reference' ? field.entity : undefined;
  const related = entities.find((candidate) => candidate.key === relatedKey);
  const tailLabel = related?.fields.find((candidate) => candidate.key === tail)?.label ?? tail;
  return `${headLabel} › ${tailLabel}`;
}
