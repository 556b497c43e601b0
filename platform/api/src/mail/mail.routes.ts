import type { Recipient } from '@crm/definitions';
import { Router, type Request } from 'express';
import { actorOf } from '../auth/request-context';
import { BadRequestError } from '../http/problems';
import { isPlainObject, requireObject } from '../http/validate';
import type { MailTemplatesService } from './mail-templates.service';

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new BadRequestError(`Missing path parameter ${name}.`);
  return value;
}

const badRecipient = () =>
  new BadRequestError('"to" must be an e-mail address or a recipient object.', [
    { field: 'to', rule: 'type', message: '"to" must be an e-mail address or a recipient object.' },
  ]);

function text(value: Record<string, unknown>, key: string): string {
  const found = value[key];
  if (typeof found !== 'string' || found === '') throw badRecipient();
  return found;
}

/** A recipient as the definition language writes it; anything else is a 400. */
export function parseRecipient(value: unknown): string | Recipient | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (!isPlainObject(value)) throw badRecipient();
  switch (value.type) {
    case 'owner':
      return { type: 'owner' };
    case 'ownerManager':
      return { type: 'ownerManager' };
    case 'role':
      return { type: 'role', role: text(value, 'role') };
    case 'user':
      return { type: 'user', userId: text(value, 'userId') };
    case 'field':
      return { type: 'field', field: text(value, 'field') };
    case 'address':
      return { type: 'address', address: text(value, 'address') };
    default:
      throw badRecipient();
  }
}

export function mailRoutes(mail: MailTemplatesService): Router {
  const router = Router();

  router.get('/:entity/:id/mail-templates', async (req, res) => {
    res.json({ items: await mail.list(actorOf(req), param(req, 'entity'), param(req, 'id')) });
  });

  router.get('/:entity/:id/mail-templates/:key/preview', async (req, res) => {
    res.json(await mail.preview(actorOf(req), param(req, 'entity'), param(req, 'id'), param(req, 'key')));
  });

  router.post('/:entity/:id/mail', async (req, res) => {
    const body = requireObject(req.body);
    if (typeof body.template !== 'string' || body.template === '')
      throw new BadRequestError('"template" must be a mail template key.', [
        { field: 'template', rule: 'type', message: '"template" must be a mail template key.' },
      ]);
    const to = parseRecipient(body.to);
    const idempotencyKey = req.get('Idempotency-Key');
    const result = await mail.send(actorOf(req), param(req, 'entity'), param(req, 'id'), {
      template: body.template,
      ...(to !== undefined ? { to } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    res.status(result.status === 'sent' ? 201 : 200).json(result);
  });

  router.get('/:entity/:id/mails', async (req, res) => {
    res.json({ items: await mail.mails(actorOf(req), param(req, 'entity'), param(req, 'id')) });
  });

  return router;
}
