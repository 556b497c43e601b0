import type { NotificationPort } from '@crm/workflows/contract';
import { loadMailContext } from '../mail/mail-context';
import { createOutboxService } from '../mail/outbox.service';
import { resolveRecipient } from '../mail/recipients';
import type { MessagingPortDeps } from './messaging-port-deps';

export interface NotificationPortOptions {
  /** Also mail the message to users who get it in-app (default false: in-app only). */
  mailUsers?: boolean;
}

/**
 * Reminders and alerts of a process. Users (owner, manager, role, named user) get an in-app
 * notification, one per user and key; a recipient without a user (an address or a field) gets
 * the message by mail through the outbox, under the same key.
 */
export function createNotificationPort(
  deps: MessagingPortDeps,
  options: NotificationPortOptions = {},
): NotificationPort {
  const { db, services } = deps;
  const outbox =
    deps.mailer === undefined
      ? services.outbox
      : createOutboxService({ db, mailer: deps.mailer, lookup: services.mailLookup });
  return {
    async notify(input) {
      const { instance } = input;
      const context = await loadMailContext(db, services.mailLookup, instance.recordId);
      const resolution = await resolveRecipient(db, context, input.to);
      if (resolution.status === 'none') return;
      const users = resolution.recipients.filter((r) => r.userId !== undefined);
      await services.notifications.create({
        key: input.key,
        userIds: users.map((r) => r.userId ?? ''),
        message: input.message,
        recordId: instance.recordId,
        entity: instance.entity,
        workflowId: instance.workflowId,
        nodeId: input.nodeId,
      });
      const byMail = options.mailUsers
        ? resolution.recipients
        : resolution.recipients.filter((r) => !r.userId);
      if (byMail.length === 0) return;
      const title = context.entity.titleField ? context.data[context.entity.titleField] : undefined;
      await outbox.sendText({
        key: `${input.key}:mail`,
        recordId: instance.recordId,
        subject: `${context.entity.label}${typeof title === 'string' ? `: ${title}` : ''}`,
        text: input.message,
        to: byMail,
        origin: { type: 'process', workflowId: instance.workflowId, nodeId: input.nodeId },
      });
    },
  };
}
