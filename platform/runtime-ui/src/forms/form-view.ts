// What a form shows for one record at one moment: which sections and fields are visible, required
// and locked, from the form's rules, the entity's field groups and the record's stage. Pure, so
// that the designer's preview and the runtime record page decide exactly the same way.
import {
  evaluateCondition,
  findField,
  isDerivedField,
  type ConditionContext,
  type EntityDefinition,
  type FieldDefinition,
  type FormDefinition,
  type FormRule,
} from '@crm/definitions';

export interface FieldView {
  key: string;
  field: FieldDefinition;
  label: string;
  helpText?: string;
  span: number;
  visible: boolean;
  required: boolean;
  locked: boolean;
}

export interface SectionView {
  id: string;
  label: string;
  description?: string;
  tab: string;
  columns: number;
  visible: boolean;
  fields: FieldView[];
}

export interface FormView {
  tabs: string[];
  sections: SectionView[];
}

export interface FormContext {
  record: Record<string, unknown>;
  related?: ConditionContext['related'];
  stage?: string;
  ownerId?: string;
}

const DEFAULT_TAB = 'Details';

function applies(rule: FormRule, ctx: ConditionContext): boolean {
  if (rule.stages && rule.stages.length > 0 && (!ctx.stage || !rule.stages.includes(ctx.stage))) return false;
  return rule.when ? evaluateCondition(rule.when, ctx) : true;
}

interface RuleOutcome {
  visible: boolean;
  required: boolean;
  locked: boolean;
}

/** A "show" rule makes the element visible only while one of them applies; "hide" wins over it. */
function outcome(rules: readonly FormRule[] | undefined, ctx: ConditionContext): RuleOutcome {
  const list = rules ?? [];
  const holding = list.filter((r) => applies(r, ctx));
  const shows = list.filter((r) => r.effect === 'show');
  return {
    visible:
      (shows.length === 0 || holding.some((r) => r.effect === 'show')) &&
      !holding.some((r) => r.effect === 'hide'),
    required: holding.some((r) => r.effect === 'require'),
    locked: holding.some((r) => r.effect === 'lock'),
  };
}

/** Field keys whose segment-dependent group does not apply to the record right now. */
function inactiveGroupFields(entity: EntityDefinition, ctx: ConditionContext): Set<string> {
  const inactive = new Set<string>();
  for (const group of entity.fieldGroups ?? [])
    if (!evaluateCondition(group.when, ctx)) for (const key of group.fields) inactive.add(key);
  return inactive;
}

export function computeFormView(
  form: FormDefinition,
  entity: EntityDefinition,
  context: FormContext,
): FormView {
  const ctx: ConditionContext = {
    record: context.record,
    ...(context.related ? { related: context.related } : {}),
    ...(context.stage ? { stage: context.stage } : {}),
    ...(context.ownerId ? { ownerId: context.ownerId } : {}),
  };
  const inactive = inactiveGroupFields(entity, ctx);
  const sections = form.sections.map((section): SectionView => {
    const own = outcome(section.rules, ctx);
    const fields = section.fields.flatMap((item): FieldView[] => {
      // Fields of related records ("account.segment") are not edited on this form.
      const field = item.field.includes('.') ? undefined : findField(entity, item.field);
      if (!field) return [];
      const rules = outcome(item.rules, ctx);
      const groupActive = !inactive.has(field.key);
      return [
        {
          key: field.key,
          field,
          label: item.label ?? field.label,
          ...((item.helpText ?? field.helpText) ? { helpText: item.helpText ?? field.helpText } : {}),
          span: Math.max(1, Math.min(item.span ?? 1, section.columns ?? 1)),
          visible: rules.visible && groupActive,
          required: groupActive && (field.required === true || own.required || rules.required),
          locked: own.locked || rules.locked || field.readOnly === true || isDerivedField(field),
        },
      ];
    });
    return {
      id: section.id,
      label: section.label,
      ...(section.description ? { description: section.description } : {}),
      tab: section.tab ?? DEFAULT_TAB,
      columns: Math.max(1, section.columns ?? 1),
      visible: own.visible && fields.some((f) => f.visible),
      fields,
    };
  });
  const tabs = [...new Set(sections.filter((s) => s.visible).map((s) => s.tab))];
  return { tabs, sections };
}

/** Field-level messages from a problem+json `errors` list (by `field`, or a pointer such as "/data/amount"). */
export function fieldErrorsByKey(
  errors: readonly { message: string; field?: string; pointer?: string }[] | undefined,
): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const error of errors ?? []) {
    const fromPointer = error.pointer
      ?.replace(/^\/data\//, '/')
      .split('/')
      .filter(Boolean)[0];
    const key = error.field ?? fromPointer ?? '';
    byKey.set(key, [...(byKey.get(key) ?? []), error.message]);
  }
  return byKey;
}

/** The required fields of the visible form that have no value yet. */
export function missingRequired(view: FormView, record: Record<string, unknown>): FieldView[] {
  return view.sections
    .filter((s) => s.visible)
    .flatMap((s) => s.fields)
    .filter((f) => f.visible && f.required && !hasValue(record[f.key]));
}

export function hasValue(value: unknown): boolean {
  return !(
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}
