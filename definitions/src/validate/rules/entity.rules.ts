import type { EntityDefinition, FieldDefinition } from '../../generated/entity.generated';
import { findField, isReservedFieldKey, RESERVED_FIELD_KEYS } from '../../records/fields';
import { valueFitsField } from '../../records/value-fits';
import { jsonPointer } from '../../shared/json-pointer';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';
import type { RuleContext } from '../rule-context';
import { checkCondition, checkFieldPath } from './condition.rules';

function firstDuplicates<T>(items: readonly T[], keyOf: (item: T) => string): number[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) return [index];
    seen.add(key);
    return [];
  });
}

function fieldRules(field: FieldDefinition, i: number, site: ErrorSite): DefinitionError[] {
  const at = (...rest: Array<string | number>): string => jsonPointer('fields', i, ...rest);
  const where = `Field ${q(field.label)}`;
  const extra = { fieldKey: field.key };
  const errors: DefinitionError[] = [];
  if (isReservedFieldKey(field.key)) {
    errors.push(
      definitionError(
        site,
        'reserved-field-key',
        at('key'),
        `${where} uses the key ${q(field.key)}, which is reserved for a system field of every record (${RESERVED_FIELD_KEYS.join(', ')}). Choose another key.`,
        extra,
      ),
    );
  }
  if (field.type === 'enum' || field.type === 'multiEnum') {
    for (const j of firstDuplicates(field.options, (o) => o.value)) {
      errors.push(
        definitionError(
          site,
          'duplicate-option-value',
          at('options', j, 'value'),
          `${where} has two options with the value ${q(field.options[j]?.value ?? '')}.`,
          extra,
        ),
      );
    }
    const options = field.options.map((o) => o.value);
    const defaults =
      field.type === 'enum' ? (field.default === undefined ? [] : [field.default]) : (field.default ?? []);
    defaults.forEach((value, j) => {
      if (options.includes(value)) return;
      const path = field.type === 'enum' ? at('default') : at('default', j);
      errors.push(
        definitionError(
          site,
          'enum-value-invalid',
          path,
          `${where} has the default ${q(value)}, which is not one of its options (${options.join(', ')}).`,
          extra,
        ),
      );
    });
  }
  const bounds: Array<[string, string, unknown, unknown]> = [];
  if ('min' in field || 'max' in field)
    bounds.push(['min', 'max', (field as { min?: unknown }).min, (field as { max?: unknown }).max]);
  if (field.type === 'text') bounds.push(['minLength', 'maxLength', field.minLength, field.maxLength]);
  if (field.type === 'multiEnum') bounds.push(['minItems', 'maxItems', field.minItems, field.maxItems]);
  for (const [low, high, a, b] of bounds) {
    const inverted =
      (typeof a === 'number' && typeof b === 'number' && a > b) ||
      (typeof a === 'string' && typeof b === 'string' && a > b);
    if (inverted) {
      errors.push(
        definitionError(
          site,
          'min-greater-than-max',
          at(low),
          `${where} has a “${low}” (${String(a)}) greater than its “${high}” (${String(b)}), so no value could be valid.`,
          extra,
        ),
      );
    }
  }
  const derive = field.derive;
  if (derive) {
    const values: Array<[string, unknown]> = derive.cases.map((c, j) => [
      at('derive', 'cases', j, 'value'),
      c.value,
    ]);
    if ('otherwise' in derive) values.push([at('derive', 'otherwise'), derive.otherwise]);
    for (const [path, value] of values) {
      if (!valueFitsField(field, value)) {
        errors.push(
          definitionError(
            site,
            'derived-value-invalid',
            path,
            `${where} would be computed as ${JSON.stringify(value)}, which does not suit a field of type “${field.type}”.`,
            extra,
          ),
        );
      }
    }
  }
  return errors;
}

/** Rules an entity must meet on its own and against the other definitions. */
export function entityRules(entity: EntityDefinition, site: ErrorSite, ctx: RuleContext): DefinitionError[] {
  const errors: DefinitionError[] = [];
  for (const i of firstDuplicates(entity.fields, (f) => f.key)) {
    const field = entity.fields[i];
    errors.push(
      definitionError(
        site,
        'duplicate-field-key',
        jsonPointer('fields', i, 'key'),
        `Entity ${q(entity.label)} has two fields with the key ${q(field?.key ?? '')}.`,
        { fieldKey: field?.key },
      ),
    );
  }
  entity.fields.forEach((field, i) => {
    errors.push(...fieldRules(field, i, site));
    if (field.type === 'reference' && !ctx.exists('entity', field.entity)) {
      errors.push(
        definitionError(
          site,
          'unknown-entity',
          jsonPointer('fields', i, 'entity'),
          `Field ${q(field.label)} links to the entity ${q(field.entity)}, which does not exist.`,
          { fieldKey: field.key },
        ),
      );
    }
    field.derive?.cases.forEach((c, j) => {
      const use = { site, where: `The computation of ${q(field.label)}`, extra: { fieldKey: field.key } };
      errors.push(
        ...checkCondition(use, entity, c.when, jsonPointer('fields', i, 'derive', 'cases', j, 'when'), ctx),
      );
    });
  });
  if (entity.titleField !== undefined) {
    errors.push(
      ...checkFieldPath(
        { site, where: `The title field of ${q(entity.label)}` },
        entity,
        entity.titleField,
        '/titleField',
        ctx,
      ),
    );
  }
  const groups = entity.fieldGroups ?? [];
  for (const g of firstDuplicates(groups, (group) => group.key)) {
    errors.push(
      definitionError(
        site,
        'duplicate-group-key',
        jsonPointer('fieldGroups', g, 'key'),
        `Entity ${q(entity.label)} has two field groups with the key ${q(groups[g]?.key ?? '')}.`,
      ),
    );
  }
  const groupOf = new Map<string, string>();
  groups.forEach((group, g) => {
    const use = { site, where: `Field group ${q(group.label)}` };
    errors.push(...checkCondition(use, entity, group.when, jsonPointer('fieldGroups', g, 'when'), ctx));
    group.fields.forEach((key, k) => {
      const path = jsonPointer('fieldGroups', g, 'fields', k);
      if (!findField(entity, key)) {
        errors.push(
          definitionError(
            site,
            'unknown-field',
            path,
            `${use.where} lists the field ${q(key)}, but ${entity.label} has no such field.`,
          ),
        );
        return;
      }
      const other = groupOf.get(key);
      if (other !== undefined) {
        errors.push(
          definitionError(
            site,
            'field-in-several-groups',
            path,
            `The field ${q(key)} is in both field groups ${q(other)} and ${q(group.label)}; a field belongs to at most one group.`,
            { fieldKey: key },
          ),
        );
      }
      groupOf.set(key, group.label);
    });
  });
  return errors;
}
