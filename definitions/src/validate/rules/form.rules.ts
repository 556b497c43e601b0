import type { FormDefinition, FormRule } from '../../generated/form.generated';
import { jsonPointer } from '../../shared/json-pointer';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';
import type { RuleContext } from '../rule-context';
import { checkCondition, checkFieldPath } from './condition.rules';
import type { UseSite } from './condition.rules';

/** unknown-stage for stage ids that no process of the entity has. */
export function checkStages(
  use: UseSite,
  entityKey: string,
  stageIds: readonly string[] | undefined,
  path: string,
  ctx: RuleContext,
): DefinitionError[] {
  const known = ctx.stagesOf(entityKey);
  if (!known || !stageIds) return [];
  return stageIds.flatMap((id, i) =>
    known.has(id)
      ? []
      : [
          definitionError(
            use.site,
            'unknown-stage',
            `${path}/${i}`,
            `${use.where} refers to the stage ${q(id)}, but no process of ${q(entityKey)} has that stage.`,
            use.extra,
          ),
        ],
  );
}

/** The references of a form: its entity, fields, conditions and stages; unique section ids. */
export function formRules(form: FormDefinition, site: ErrorSite, ctx: RuleContext): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const seen = new Set<string>();
  form.sections.forEach((section, i) => {
    if (seen.has(section.id)) {
      errors.push(
        definitionError(
          site,
          'duplicate-item-id',
          jsonPointer('sections', i, 'id'),
          `Form ${q(form.label)} has two sections with the id ${q(section.id)}.`,
        ),
      );
    }
    seen.add(section.id);
  });
  if (!ctx.exists('entity', form.entity)) {
    return [
      ...errors,
      definitionError(
        site,
        'unknown-entity',
        '/entity',
        `Form ${q(form.label)} is for the entity ${q(form.entity)}, which does not exist.`,
      ),
    ];
  }
  const entity = ctx.entity(form.entity);
  const rules = (use: UseSite, list: readonly FormRule[] | undefined, path: string): void => {
    (list ?? []).forEach((rule, k) => {
      if (rule.when && entity)
        errors.push(...checkCondition(use, entity, rule.when, `${path}/${k}/when`, ctx));
      errors.push(...checkStages(use, form.entity, rule.stages, `${path}/${k}/stages`, ctx));
    });
  };
  form.sections.forEach((section, i) => {
    const use: UseSite = { site, where: `Section ${q(section.label)} of form ${q(form.label)}` };
    rules(use, section.rules, jsonPointer('sections', i, 'rules'));
    section.fields.forEach((f, j) => {
      if (entity)
        errors.push(
          ...checkFieldPath(use, entity, f.field, jsonPointer('sections', i, 'fields', j, 'field'), ctx),
        );
      rules(
        { ...use, where: `The rules of ${q(f.label ?? f.field)} in form ${q(form.label)}` },
        f.rules,
        jsonPointer('sections', i, 'fields', j, 'rules'),
      );
    });
  });
  return errors;
}
