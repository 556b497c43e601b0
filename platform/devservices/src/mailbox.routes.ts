import { Router } from 'express';
import type { Mailbox, ReceivedMail } from './mailbox';

/**
 * The development mailbox: `/dev/mailbox` (HTML) and `/dev/mailbox.json`, so that mails the
 * processes send can be read without a real mail account.
 */
export function createMailboxRouter(mailbox: Mailbox): Router {
  const router = Router();
  router.get('/dev/mailbox.json', (_req, res) => {
    res.json({ mails: mailbox.list() });
  });
  router.get('/dev/mailbox', (_req, res) => {
    res.type('html').send(renderMailbox(mailbox.list()));
  });
  return router;
}

function renderMailbox(mails: readonly ReceivedMail[]): string {
  const items = mails.length === 0 ? '<p>No mail received yet.</p>' : mails.map(renderMail).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mailbox (${mails.length})</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1f2937}
article{border:1px solid #d1d5db;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
h2{font-size:1.1rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:6rem 1fr;margin:0 0 .5rem}
dt{color:#6b7280}dd{margin:0}pre{white-space:pre-wrap;background:#f9fafb;padding:.5rem}
iframe{width:100%;min-height:12rem;border:1px solid #e5e7eb}
</style></head><body>
<h1>Development mailbox</h1>
<p>${mails.length} mail(s), newest first. <a href="/dev/mailbox.json">JSON</a></p>
${items}
</body></html>`;
}

function renderMail(mail: ReceivedMail): string {
  // HTML bodies are shown in a sandboxed iframe so that a mail can never script this page.
  const body =
    mail.html !== undefined
      ? `<iframe sandbox="" srcdoc="${escapeHtml(mail.html)}" title="${escapeHtml(mail.subject)}"></iframe>`
      : `<pre>${escapeHtml(mail.text)}</pre>`;
  return `<article>
<h2>${escapeHtml(mail.subject === '' ? '(no subject)' : mail.subject)}</h2>
<dl><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>To</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>
<dt>Date</dt><dd>${escapeHtml(mail.date)}</dd></dl>
${body}
</article>`;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
