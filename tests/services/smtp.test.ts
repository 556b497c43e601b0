import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import nodemailer from 'nodemailer';
import { createMailboxRouter, startSmtpServer, type SmtpService, type Mailbox } from '@crm/devservices';

describe('development SMTP server and mailbox', () => {
  let smtp: SmtpService & { mailbox: Mailbox };
  let http: Server;
  let baseUrl: string;

  beforeAll(async () => {
    smtp = await startSmtpServer({ limit: 3 });
    const app = express().use(createMailboxRouter(smtp.mailbox));
    http = await new Promise<Server>((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server));
    });
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    await smtp?.stop();
  });

  beforeEach(() => smtp.mailbox.clear());

  const transport = () => nodemailer.createTransport({ url: smtp.url });

  it('receives a mail sent with nodemailer and lists it in mailbox.json', async () => {
    const info = await transport().sendMail({
      from: 'crm@example.test',
      to: 'buyer@example.test',
      cc: 'boss@example.test',
      subject: 'Our proposal for Acme',
      text: 'Dear Ada, please find our proposal.',
      html: '<p>Dear Ada, <b>please</b> find our proposal.</p>',
    });
    expect(info.accepted).toEqual(['buyer@example.test', 'boss@example.test']);

    const response = await fetch(`${baseUrl}/dev/mailbox.json`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { mails: Array<Record<string, unknown>> };
    expect(body.mails).toHaveLength(1);
    expect(body.mails[0]).toMatchObject({
      from: 'crm@example.test',
      to: ['buyer@example.test', 'boss@example.test'],
      subject: 'Our proposal for Acme',
      text: 'Dear Ada, please find our proposal.',
      messageId: info.messageId,
    });
    expect(body.mails[0]?.html).toContain('<b>please</b>');
  });

  it('renders the mailbox page with subject, recipients, date and an escaped body', async () => {
    await transport().sendMail({
      from: 'crm@example.test',
      to: 'rep@example.test',
      subject: 'Reminder <script>alert(1)</script>',
      text: 'Follow up with Globex tomorrow.',
    });
    const mail = await smtp.mailbox.waitFor((candidate) => candidate.to.includes('rep@example.test'));
    const page = await (await fetch(`${baseUrl}/dev/mailbox`)).text();
    expect(page).toContain('Reminder &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('rep@example.test');
    expect(page).toContain(mail.date);
    expect(page).toContain('Follow up with Globex tomorrow.');
  });

  it('keeps only the newest mails up to its limit', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await transport().sendMail({
        from: 'crm@example.test',
        to: 'x@example.test',
        subject: `Mail ${n}`,
        text: 'x',
      });
    }
    expect(smtp.mailbox.list().map((mail) => mail.subject)).toEqual(['Mail 5', 'Mail 4', 'Mail 3']);
  });
});
