import type { EntityDefinition } from '../../generated/entity.generated';
import type { MailTemplateDefinition } from '../../generated/mail-template.generated';
import { findField, isReservedFieldKey, resolveFieldPath } from '../../records/fields';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';
import type { RuleContext } from '../rule-context';
import { checkCondition } from './condition.rules';
import { checkStages } from './form.rules';

/** What a template may say about the record's owner. */
export const OWNER_MERGE_FIELDS = ['name', 'email'] as const;

const KEYWORDS = new Set(['else', 'this']);

/**
 * The field paths a handlebars text reads, simply parsed: `{{path}}`, `{{{path}}}` and the
 * arguments of helpers and blocks (`{{#if budget}}`). Literals, `@data` and `this` are skipped.
 */
export function mergeFieldPaths(text: string): string[] {
  const paths: string[] = [];
  for (const match of text.matchAll(/\{\{\{?~?\s*([^}]*?)\s*~?\}?\}\}/g)) {
    const expression = match[1] ?? '';
    if (expression === '' || /^[!/]/.test(expression)) continue;
    const tokens = expression
      .replace(/^[#^>]/, '')
      .trim()
      .split(/\s+/);
    const candidates = expression.startsWith('#') || tokens.length > 1 ? tokens.slice(1) : tokens;
    for (const token of candidates) {
      if (/^[a-zA-Z_][\w]*(\.[a-zA-Z_]\w*)*$/.test(token) && !KEYWORDS.has(token)) paths.push(token);
    }
  }
  return [...new Set(paths)];
}

function mergeFieldProblem(entity: EntityDefinition, path: string, ctx: RuleContext): string | undefined {
  const [head = '', tail] = path.split('.');
  if (head === 'owner' && tail !== undefined) {
    return (OWNER_MERGE_FIELDS as readonly string[]).includes(tail)
      ? undefined
      : `the owner only offers ${OWNER_MERGE_FIELDS.map((f) => `owner.${f}`).join(' and ')}`;
  }
  if (tail === undefined && isReservedFieldKey(head)) return undefined;
  const money = findField(entity, head);
  if (money?.type === 'money' && (tail === 'amount' || tail === 'currency')) return undefined;
  const resolved = resolveFieldPath(entity, path, ctx.entity);
  return resolved.status === 'missing' ? resolved.reason : undefined;
}

/** The references of a mail template: entity, merge fields, gate condition and stages. */
export function templateRules(
  template: MailTemplateDefinition,
  site: ErrorSite,
  ctx: RuleContext,
): DefinitionError[] {
  if (!ctx.exists('entity', template.entity)) {
    return [
      definitionError(
        site,
        'unknown-entity',
        '/entity',
        `Mail template ${q(template.label)} is for the entity ${q(template.entity)}, which does not exist.`,
      ),
    ];
  }
  const entity = ctx.entity(template.entity);
  const use = { site, where: `Mail template ${q(template.label)}` };
  const errors: DefinitionError[] = [];
  if (entity) {
    for (const part of ['subject', 'body'] as const) {
      for (const path of mergeFieldPaths(template[part])) {
        const problem = mergeFieldProblem(entity, path, ctx);
        if (problem) {
          errors.push(
            definitionError(
              site,
              'unknown-merge-field',
              `/${part}`,
              `The ${part} of mail template ${q(template.label)} uses {{${path}}}, but ${problem}.`,
            ),
          );
        }
      }
    }
    if (template.gate?.condition)
      errors.push(...checkCondition(use, entity, template.gate.condition, '/gate/condition', ctx));
  }
  errors.push(...checkStages(use, template.entity, template.gate?.stages, '/gate/stages', ctx));
  return errors;
}
