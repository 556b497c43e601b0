import {
  isTemplateUnlocked,
  mergeFieldPaths,
  renderTemplate,
  TemplateRenderError,
  type MailPreview,
  type MailTemplateDefinition,
  type MailView,
  type Recipient,
  type RenderedMail,
  type SendMailResult,
  type TemplateAvailability,
} from '@crm/definitions';
import { randomUUID } from 'node:crypto';
import { assertCapability } from '../rbac/require-capability';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { ConflictError, NotFoundError, ValidationError } from '../http/problems';
import type { RecordsService } from '../records/records.service';
import { loadMailContext, relatedData, type DefinitionLookup, type MailRecordContext } from './mail-context';
import type { OutboxService } from './outbox.service';

export interface ManualSendInput {
  template: string;
  /** An e-mail address or a recipient of the definition language; the addressed person by default. */
  to?: string | Recipient;
  /** A client's Idempotency-Key: the same key from the same user sends once. */
  idempotencyKey?: string;
}

export interface MailTemplatesDeps {
  db: Db;
  records: RecordsService;
  lookup: DefinitionLookup;
  outbox: OutboxService;
}

function gateOf(template: MailTemplateDefinition, context: MailRecordContext) {
  return isTemplateUnlocked(template, {
    stage: context.stage,
    record: { data: context.data, related: relatedData(context) },
  });
}

function emailIn(fields: { key: string; type: string }[], data: Record<string, unknown>): string | undefined {
  return fields.find((f) => f.type === 'email' && typeof data[f.key] === 'string' && data[f.key] !== '')?.key;
}

/**
 * Who a mail goes to when the user names nobody: the person the template addresses first (the
 * record or related record its body reads first, e.g. `contact` for "Dear {{contact.first_name}}"),
 * else the record's own e-mail field, else the first related record with one.
 */
export function defaultRecipient(
  template: MailTemplateDefinition,
  context: MailRecordContext,
): Recipient | undefined {
  const heads = [...mergeFieldPaths(template.body), ...mergeFieldPaths(template.subject)]
    .map((path) => path.split('.')[0] ?? '')
    .filter((head) => head !== 'owner');
  const own = emailIn(context.entity.fields, context.data);
  for (const head of new Set(heads)) {
    const related = context.related[head];
    const field = related ? emailIn(related.entity.fields, related.data) : undefined;
    if (field) return { type: 'field', field: `${head}.${field}` };
    if (!related && own) return { type: 'field', field: own };
  }
  if (own) return { type: 'field', field: own };
  for (const [head, related] of Object.entries(context.related)) {
    const field = emailIn(related.entity.fields, related.data);
    if (field) return { type: 'field', field: `${head}.${field}` };
  }
  return undefined;
}

/** Mail templates as users meet them on a record: availability, preview, manual send, history. */
export function createMailTemplatesService(deps: MailTemplatesDeps) {
  const { db, records, lookup, outbox } = deps;

  async function visibleContext(actor: Actor, entity: string, id: string): Promise<MailRecordContext> {
    // The record routes' checks: capability, then visibility (an invisible record is a 404).
    await records.get(actor, entity, id);
    return loadMailContext(db, lookup, id);
  }

  async function templateFor(entity: string, key: string): Promise<MailTemplateDefinition> {
    const template = (await lookup.templates(entity)).find((t) => t.key === key);
    if (!template) throw new NotFoundError(`There is no mail template "${key}" for ${entity} records.`);
    return template;
  }

  function assertUnlocked(template: MailTemplateDefinition, context: MailRecordContext): void {
    const lock = gateOf(template, context);
    if (!lock.unlocked)
      throw new ConflictError(lock.reason, [{ rule: 'template-locked', message: lock.reason }], {
        template: template.key,
        reason: lock.reason,
      });
  }

  function render(template: MailTemplateDefinition, context: MailRecordContext): RenderedMail {
    try {
      return renderTemplate(template, context.merge);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      throw new ValidationError(error.message, [
        { ...(error.field ? { field: error.field } : {}), rule: 'merge-field', message: error.message },
      ]);
    }
  }

  return {
    async list(actor: Actor, entity: string, id: string): Promise<TemplateAvailability[]> {
      const context = await visibleContext(actor, entity, id);
      return (await lookup.templates(entity)).map((template) => {
        const lock = gateOf(template, context);
        return {
          key: template.key,
          label: template.label,
          ...(template.description !== undefined ? { description: template.description } : {}),
          ...(template.category !== undefined ? { category: template.category } : {}),
          format: template.format,
          unlocked: lock.unlocked,
          ...(lock.unlocked ? {} : { reason: lock.reason }),
        };
      });
    },

    async preview(actor: Actor, entity: string, id: string, key: string): Promise<MailPreview> {
      const context = await visibleContext(actor, entity, id);
      const template = await templateFor(entity, key);
      assertUnlocked(template, context);
      return { template: key, ...render(template, context) };
    },

    async send(actor: Actor, entity: string, id: string, input: ManualSendInput): Promise<SendMailResult> {
      assertCapability(actor, 'records.write');
      const context = await visibleContext(actor, entity, id);
      const template = await templateFor(entity, input.template);
      assertUnlocked(template, context);
      render(template, context);
      const to: Recipient | undefined =
        typeof input.to === 'string'
          ? { type: 'address', address: input.to }
          : (input.to ?? defaultRecipient(template, context));
      if (!to)
        throw new ValidationError('Choose who the mail goes to: the record has no e-mail address.', [
          { field: 'to', rule: 'required', message: 'The record has no e-mail address; give "to".' },
        ]);
      const key = `manual:${actor.id}:${input.idempotencyKey ?? randomUUID()}`;
      const result = await outbox.send(
        { key, recordId: id, template: template.key, to, origin: { type: 'user', actorId: actor.id } },
        context,
      );
      if (result.status === 'skipped')
        throw new ValidationError(result.reason, [
          { field: 'to', rule: 'recipient', message: result.reason },
        ]);
      return result;
    },

    async mails(actor: Actor, entity: string, id: string): Promise<MailView[]> {
      await records.get(actor, entity, id);
      return outbox.forRecord(id);
    },
  };
}

export type MailTemplatesService = ReturnType<typeof createMailTemplatesService>;
