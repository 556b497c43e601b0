// What a process instance pins in its workflow input beside its definition, as published when it
// starts (or moves to another version): the labels of its entities and its business calendar.
import {
  listFields,
  type CalendarDefinition,
  type EntityDefinition,
  type ProcessDefinition,
  type PublishedVersion,
} from '@crm/definitions';

/**
 * The entities an instance needs, for the labels of field paths in its messages ("Account ›
 * Segment"): the process's own and those its reference fields point to, each cut down to its
 * fields' keys, labels, types and targets. Every start stores its input in history, so nothing
 * else goes in.
 */
function entitiesFor(entityKey: string, all: readonly EntityDefinition[]): EntityDefinition[] {
  const own = all.find((e) => e.key === entityKey);
  if (own === undefined) return [];
  const referenced = new Set(listFields(own, ['reference']).map((field) => field.entity));
  return [own, ...all.filter((e) => e.key !== entityKey && referenced.has(e.key))].map(
    (entity) =>
      ({
        key: entity.key,
        label: entity.label,
        pluralLabel: entity.pluralLabel,
        fields: entity.fields.map((field) => ({
          key: field.key,
          label: field.label,
          type: field.type,
          ...(field.type === 'reference' ? { entity: field.entity } : {}),
        })),
      }) as unknown as EntityDefinition,
  );
}

/**
 * What an instance pins beside its definition, as published now: its entities' labels and its
 * business calendar (a start, and a migration to another version).
 */
export function pinnedAlongside(
  published: readonly PublishedVersion[],
  definition: ProcessDefinition,
): { entities: EntityDefinition[]; calendar?: CalendarDefinition } {
  const calendar = published.find((v) => v.kind === 'calendar' && v.key === definition.calendar);
  return {
    entities: entitiesFor(
      definition.entity,
      published.filter((v) => v.kind === 'entity').map((v) => v.content as unknown as EntityDefinition),
    ),
    ...(calendar === undefined ? {} : { calendar: calendar.content as unknown as CalendarDefinition }),
  };
}
