import type { CalendarDefinition } from '../generated/calendar.generated';
import type { EntityDefinition } from '../generated/entity.generated';
import type { FormDefinition } from '../generated/form.generated';
import type { MailTemplateDefinition } from '../generated/mail-template.generated';
import type { ProcessDefinition } from '../generated/process.generated';
import type { RoleDefinition } from '../generated/role.generated';
import type { Solution } from '../generated/solution.generated';
import { isRecord } from '../shared/json-pointer';
import type { DefinitionError, DefinitionKind, ErrorSite } from './definition-error';
import { createRuleContext, keysOf } from './rule-context';
import type { ReferenceSet, RuleContext } from './rule-context';
import { calendarRules } from './rules/calendar.rules';
import { entityRules } from './rules/entity.rules';
import { formRules } from './rules/form.rules';
import { processGraphRules } from './rules/process-graph.rules';
import { processReferenceRules } from './rules/process-reference.rules';
import { duplicateKeyRules } from './rules/solution.rules';
import { templateRules } from './rules/template.rules';
import { definitionSchemaErrors, siteKey, solutionCollections, solutionSchemaErrors } from './schema-phase';
import type { SolutionCollection } from './schema-phase';

/** The definitions a single definition is checked against (e.g. the published ones). */
export type DefinitionContext = ReferenceSet;

type DefinitionOfKind = {
  entity: EntityDefinition;
  form: FormDefinition;
  process: ProcessDefinition;
  mailTemplate: MailTemplateDefinition;
  role: RoleDefinition;
  calendar: CalendarDefinition;
};

/** The semantic rules of one schema-valid definition. */
function semanticRules(
  kind: Exclude<DefinitionKind, 'solution'>,
  definition: unknown,
  site: ErrorSite,
  ctx: RuleContext,
): DefinitionError[] {
  switch (kind) {
    case 'entity':
      return entityRules(definition as DefinitionOfKind['entity'], site, ctx);
    case 'process':
      return [
        ...processGraphRules(definition as DefinitionOfKind['process'], site),
        ...processReferenceRules(definition as DefinitionOfKind['process'], site, ctx),
      ];
    case 'form':
      return formRules(definition as DefinitionOfKind['form'], site, ctx);
    case 'mailTemplate':
      return templateRules(definition as DefinitionOfKind['mailTemplate'], site, ctx);
    case 'calendar':
      return calendarRules(definition as DefinitionOfKind['calendar'], site);
    case 'role':
      return [];
    default:
      throw new Error(`Unknown definition kind: ${String(kind)}`);
  }
}

const collectionOf: Record<Exclude<DefinitionKind, 'solution'>, SolutionCollection> = {
  entity: 'entities',
  form: 'forms',
  process: 'processes',
  mailTemplate: 'mailTemplates',
  role: 'roles',
  calendar: 'calendars',
};

function contextFor(valid: ReferenceSet, all: ReferenceSet): RuleContext {
  return createRuleContext({
    valid,
    known: {
      entity: keysOf(all.entities),
      mailTemplate: keysOf(all.mailTemplates),
      role: keysOf(all.roles),
      calendar: keysOf(all.calendars),
      process: keysOf(all.processes),
    },
  });
}

/**
 * Validates one definition: schema conformance, then its own semantic rules. References to other
 * definitions (entities, templates, roles, calendars, stages) are checked against `context` for
 * the kinds it provides; kinds it leaves out are not checked.
 */
export function validateDefinition(
  kind: DefinitionKind,
  definition: unknown,
  context: DefinitionContext = {},
): DefinitionError[] {
  if (kind === 'solution') return validateSolution(definition);
  const schemaErrors = definitionSchemaErrors(kind, definition);
  if (schemaErrors.length > 0) return schemaErrors;
  const key = siteKey(definition);
  const collection = collectionOf[kind];
  // The definition itself replaces any published copy with the same key in the context; kinds
  // the context leaves out stay unchecked.
  const others = (context[collection] ?? []).filter((d) => d.key !== key);
  const valid = { ...context, [collection]: [...others, definition] } as ReferenceSet;
  const known = context[collection] ? valid : context;
  return semanticRules(kind, definition, { kind, key }, contextFor(valid, known));
}

/**
 * Validates a whole solution bundle and returns every error at once: schema conformance of each
 * definition, unique keys per kind, and the semantic rules of every schema-valid definition
 * against the others.
 */
export function validateSolution(solution: unknown): DefinitionError[] {
  const errors = solutionSchemaErrors(solution);
  if (!isRecord(solution)) return errors;
  const all: Record<string, unknown[]> = {};
  const valid: Record<string, unknown[]> = {};
  for (const [collection, kind] of Object.entries(solutionCollections)) {
    const items = Array.isArray(solution[collection]) ? (solution[collection] as unknown[]) : [];
    all[collection] = items;
    valid[collection] = items.filter(
      (item, i) => !errors.some((e) => e.kind === kind && e.key === siteKey(item, i)),
    );
    errors.push(
      ...duplicateKeyRules(
        kind,
        items.map((item) => (isRecord(item) && typeof item.key === 'string' ? item.key : undefined)),
      ),
    );
  }
  const ctx = contextFor(valid as ReferenceSet, all as ReferenceSet);
  for (const [collection, kind] of Object.entries(solutionCollections)) {
    for (const definition of valid[collection] ?? []) {
      errors.push(...semanticRules(kind, definition, { kind, key: siteKey(definition) }, ctx));
    }
  }
  return errors;
}

export type { Solution };
