import type { MailPort } from '@crm/workflows/contract';
import { createOutboxService } from '../mail/outbox.service';
import type { MessagingPortDeps } from './messaging-port-deps';

export type { MessagingPortDeps } from './messaging-port-deps';

/**
 * The process's mail sender: renders and sends through the outbox with the process as the actor.
 * The interpreter's key is the outbox idempotency key, so a retried activity answers `duplicate`.
 */
export function createMailPort(deps: MessagingPortDeps): MailPort {
  const { services } = deps;
  const outbox =
    deps.mailer === undefined
      ? services.outbox
      : createOutboxService({ db: deps.db, mailer: deps.mailer, lookup: services.mailLookup });
  return {
    async send(input) {
      const result = await outbox.send({
        key: input.key,
        recordId: input.instance.recordId,
        template: input.template,
        to: input.to,
        origin: { type: 'process', workflowId: input.instance.workflowId, nodeId: input.nodeId },
      });
      switch (result.status) {
        case 'sent':
        case 'duplicate':
          return { status: result.status, messageId: result.messageId };
        case 'skipped':
          return { status: 'skipped', reason: result.reason };
        default:
          throw new Error(`unknown send status ${String((result as { status: unknown }).status)}`);
      }
    },
  };
}
