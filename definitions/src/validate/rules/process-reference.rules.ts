import type { Action, Assignee, Recipient, TemplateChoice } from '../../generated/common.generated';
import type { EntityDefinition } from '../../generated/entity.generated';
import type { ProcessDefinition, ProcessNode } from '../../generated/process.generated';
import { findField, isDerivedField } from '../../records/fields';
import { valueFitsField } from '../../records/value-fits';
import { jsonPointer } from '../../shared/json-pointer';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';
import type { RuleContext } from '../rule-context';
import { checkCondition, checkFieldPath } from './condition.rules';
import type { UseSite } from './condition.rules';
import { edgeName, nodeName } from './process-graph.rules';

interface Scope {
  process: ProcessDefinition;
  entity: EntityDefinition | undefined;
  stages: ReadonlySet<string>;
  ctx: RuleContext;
}

function checkRole(
  use: UseSite,
  who: Assignee | Recipient,
  path: string,
  ctx: RuleContext,
): DefinitionError[] {
  if (who.type !== 'role' || ctx.exists('role', who.role)) return [];
  return [
    definitionError(
      use.site,
      'unknown-role',
      `${path}/role`,
      `${use.where} is given to the role ${q(who.role)}, which does not exist.`,
      use.extra,
    ),
  ];
}

function checkRecipient(use: UseSite, to: Recipient, path: string, s: Scope): DefinitionError[] {
  const errors = checkRole(use, to, path, s.ctx);
  if (to.type === 'field' && s.entity)
    errors.push(...checkFieldPath(use, s.entity, to.field, `${path}/field`, s.ctx));
  return errors;
}

function checkTemplate(use: UseSite, choice: TemplateChoice, path: string, s: Scope): DefinitionError[] {
  const keys: Array<[string, string]> =
    typeof choice === 'string'
      ? [[choice, path]]
      : [
          ...choice.cases.map((c, i): [string, string] => [c.template, `${path}/cases/${i}/template`]),
          ...(choice.otherwise ? [[choice.otherwise, `${path}/otherwise`] as [string, string]] : []),
        ];
  const errors = keys.flatMap(([key, at]) => {
    if (!s.ctx.exists('mailTemplate', key)) {
      return [
        definitionError(
          use.site,
          'unknown-template',
          at,
          `${use.where} sends the mail template ${q(key)}, which does not exist.`,
          use.extra,
        ),
      ];
    }
    const template = s.ctx.mailTemplate(key);
    if (template && template.entity !== s.process.entity) {
      return [
        definitionError(
          use.site,
          'template-entity-mismatch',
          at,
          `${use.where} sends the mail template ${q(template.label)}, which is written for ${q(template.entity)} records, not ${q(s.process.entity)}.`,
          use.extra,
        ),
      ];
    }
    return [];
  });
  if (typeof choice !== 'string' && s.entity) {
    const entity = s.entity;
    choice.cases.forEach((c, i) =>
      errors.push(...checkCondition(use, entity, c.when, `${path}/cases/${i}/when`, s.ctx, s.stages)),
    );
  }
  return errors;
}

function checkUpdate(
  use: UseSite,
  action: { target?: string; set: Record<string, unknown> },
  path: string,
  s: Scope,
): DefinitionError[] {
  if (!s.entity) return [];
  let target: EntityDefinition | undefined = s.entity;
  if (action.target !== undefined) {
    const ref = findField(s.entity, action.target);
    if (!ref) return checkFieldPath(use, s.entity, action.target, `${path}/target`, s.ctx);
    if (ref.type !== 'reference') {
      return [
        definitionError(
          use.site,
          'update-target-not-reference',
          `${path}/target`,
          `${use.where} updates the record linked by ${q(ref.label)}, but that is not a reference field.`,
          use.extra,
        ),
      ];
    }
    target = s.ctx.entity(ref.entity);
  }
  if (!target) return [];
  const entity = target;
  return Object.entries(action.set).flatMap(([key, value]) => {
    const at = `${path}${jsonPointer('set', key)}`;
    const field = findField(entity, key);
    if (!field)
      return [
        definitionError(
          use.site,
          'unknown-field',
          at,
          `${use.where} sets the field ${q(key)}, but ${entity.label} has no such field.`,
          use.extra,
        ),
      ];
    if (isDerivedField(field)) {
      return [
        definitionError(
          use.site,
          'update-value-invalid',
          at,
          `${use.where} sets ${q(field.label)}, but that field is computed automatically.`,
          use.extra,
        ),
      ];
    }
    if (!valueFitsField(field, value)) {
      return [
        definitionError(
          use.site,
          'update-value-invalid',
          at,
          `${use.where} sets ${q(field.label)} to ${JSON.stringify(value)}, which does not suit a field of type “${field.type}”.`,
          use.extra,
        ),
      ];
    }
    return [];
  });
}

function checkAction(use: UseSite, action: Action, path: string, s: Scope): DefinitionError[] {
  switch (action.type) {
    case 'sendMail':
      return [
        ...checkTemplate(use, action.template, `${path}/template`, s),
        ...checkRecipient(use, action.to, `${path}/to`, s),
      ];
    case 'createTask':
      return [
        ...checkRole(use, action.assignee, `${path}/assignee`, s.ctx),
        ...needsCalendar(use, action.businessTime, `${path}/businessTime`, s),
      ];
    case 'updateRecord':
      return checkUpdate(use, action, path, s);
    case 'notify':
      return checkRecipient(use, action.to, `${path}/to`, s);
    default:
      throw new Error(`Unknown action type: ${(action as { type: string }).type}`);
  }
}

function needsCalendar(
  use: UseSite,
  businessTime: boolean | undefined,
  path: string,
  s: Scope,
): DefinitionError[] {
  if (businessTime !== true || s.process.calendar !== undefined) return [];
  return [
    definitionError(
      use.site,
      'calendar-required',
      path,
      `${use.where} counts in business time, but process ${q(s.process.label)} has no calendar: choose one.`,
      use.extra,
    ),
  ];
}

function nodeRules(node: ProcessNode, i: number, s: Scope, site: ErrorSite): DefinitionError[] {
  const use: UseSite = { site, where: nodeName(node), extra: { nodeId: node.id } };
  const at = (...rest: Array<string | number>): string => jsonPointer('nodes', i, ...rest);
  const entity = s.entity;
  const errors: DefinitionError[] = [];
  const condition = (c: Parameters<typeof checkCondition>[2] | undefined, path: string): void => {
    if (c && entity) errors.push(...checkCondition(use, entity, c, path, s.ctx, s.stages));
  };
  switch (node.type) {
    case 'stage':
    case 'end':
      if (entity)
        (node.requiredFields ?? []).forEach((f, j) =>
          errors.push(...checkFieldPath(use, entity, f, at('requiredFields', j), s.ctx)),
        );
      (node.onEnter ?? []).forEach((a, j) => errors.push(...checkAction(use, a, at('onEnter', j), s)));
      (node.timers ?? []).forEach((t, j) => {
        errors.push(...needsCalendar(use, t.businessTime, at('timers', j, 'businessTime'), s));
        t.actions.forEach((a, k) => errors.push(...checkAction(use, a, at('timers', j, 'actions', k), s)));
      });
      return errors;
    case 'approval':
      condition(node.condition, at('condition'));
      node.levels.forEach((level, j) => {
        condition(level.condition, at('levels', j, 'condition'));
        errors.push(...checkRole(use, level.approver, at('levels', j, 'approver'), s.ctx));
        if (level.escalation)
          errors.push(...checkRole(use, level.escalation.to, at('levels', j, 'escalation', 'to'), s.ctx));
        errors.push(...needsCalendar(use, level.businessTime, at('levels', j, 'businessTime'), s));
      });
      return errors;
    case 'userTask':
      return [
        ...checkRole(use, node.assignee, at('assignee'), s.ctx),
        ...needsCalendar(use, node.businessTime, at('businessTime'), s),
      ];
    case 'createTask':
      return checkAction(
        use,
        { type: 'createTask', title: node.title, assignee: node.assignee, businessTime: node.businessTime },
        at(),
        s,
      );
    case 'sendMail':
      return checkAction(use, { type: 'sendMail', template: node.template, to: node.to }, at(), s);
    case 'updateRecord':
      return checkAction(use, { type: 'updateRecord', target: node.target, set: node.set }, at(), s);
    case 'wait': {
      const wait = node.wait;
      if (wait.type === 'duration')
        return needsCalendar(use, wait.businessTime, at('wait', 'businessTime'), s);
      if (wait.type === 'condition') {
        condition(wait.condition, at('wait', 'condition'));
        return [...errors, ...needsCalendar(use, wait.businessTime, at('wait', 'businessTime'), s)];
      }
      if (!entity) return [];
      const fieldErrors = checkFieldPath(use, entity, wait.field, at('wait', 'field'), s.ctx);
      if (fieldErrors.length > 0) return fieldErrors;
      const field = wait.field.includes('.') ? undefined : findField(entity, wait.field);
      if (field && field.type !== 'date' && field.type !== 'datetime') {
        return [
          definitionError(
            site,
            'wait-field-not-date',
            at('wait', 'field'),
            `${use.where} waits until the date in ${q(field.label)}, but that is not a date field.`,
            use.extra,
          ),
        ];
      }
      return [];
    }
    case 'start':
    case 'decision':
    case 'parallelSplit':
    case 'parallelJoin':
      return [];
    default:
      throw new Error(`Unknown node type: ${(node as { type: string }).type}`);
  }
}

/** The references of a process: its entity, calendar, fields, templates, roles and stages. */
export function processReferenceRules(
  process: ProcessDefinition,
  site: ErrorSite,
  ctx: RuleContext,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  if (!ctx.exists('entity', process.entity)) {
    errors.push(
      definitionError(
        site,
        'unknown-entity',
        '/entity',
        `Process ${q(process.label)} is for the entity ${q(process.entity)}, which does not exist.`,
      ),
    );
  }
  if (process.calendar !== undefined && !ctx.exists('calendar', process.calendar)) {
    errors.push(
      definitionError(
        site,
        'unknown-calendar',
        '/calendar',
        `Process ${q(process.label)} uses the calendar ${q(process.calendar)}, which does not exist.`,
      ),
    );
  }
  const stages = new Set(
    process.nodes.filter((n) => n.type === 'stage' || n.type === 'end').map((n) => n.id),
  );
  const s: Scope = { process, entity: ctx.entity(process.entity), stages, ctx };
  process.triggers.forEach((trigger, i) => {
    if (trigger.type === 'onCondition' && s.entity) {
      errors.push(
        ...checkCondition(
          { site, where: `The start condition of ${q(process.label)}` },
          s.entity,
          trigger.condition,
          jsonPointer('triggers', i, 'condition'),
          ctx,
          stages,
        ),
      );
    }
  });
  process.nodes.forEach((node, i) => errors.push(...nodeRules(node, i, s, site)));
  const entity = s.entity;
  if (entity) {
    process.edges.forEach((edge, i) => {
      const use: UseSite = { site, where: edgeName(edge, process), extra: { edgeId: edge.id } };
      if (edge.condition)
        errors.push(
          ...checkCondition(use, entity, edge.condition, jsonPointer('edges', i, 'condition'), ctx, stages),
        );
      (edge.requiredFields ?? []).forEach((f, j) =>
        errors.push(...checkFieldPath(use, entity, f, jsonPointer('edges', i, 'requiredFields', j), ctx)),
      );
    });
  }
  return errors;
}
