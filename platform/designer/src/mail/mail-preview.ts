// A template rendered against a sample record with the same renderer the mail outbox uses
// (`@crm/definitions` templates: strict handlebars, escaped values), and whether its gate lets a
// user send it for that record in a chosen stage.
import {
  buildMergeContext,
  isTemplateUnlocked,
  renderTemplate,
  TemplateRenderError,
  type EntityDefinition,
  type MailTemplateDefinition,
  type RecordData,
  type RenderedMail,
  type TemplateLock,
} from '@crm/definitions';
import type { SampleRecord } from './sample-record';

export type PreviewResult = { ok: true; mail: RenderedMail } | { ok: false; message: string; field?: string };

export function previewTemplate(
  template: MailTemplateDefinition,
  entity: EntityDefinition,
  sample: SampleRecord,
): PreviewResult {
  try {
    const context = buildMergeContext(entity, sample.data, sample.related, sample.owner);
    return { ok: true, mail: renderTemplate(template, context) };
  } catch (error) {
    if (error instanceof TemplateRenderError)
      return {
        ok: false,
        message: error.message,
        ...(error.field !== undefined ? { field: error.field } : {}),
      };
    throw error;
  }
}

/** The gate's answer for the sample record in a stage (no stage: the record is in none). */
export function previewGate(
  template: MailTemplateDefinition,
  sample: SampleRecord,
  stage: string,
): TemplateLock {
  const related: Record<string, RecordData> = {};
  for (const [key, r] of Object.entries(sample.related)) related[key] = r.data;
  return isTemplateUnlocked(template, { stage: stage || null, record: { data: sample.data, related } });
}

/**
 * The html for the preview frame: the rendered body, or the text body escaped in a <pre>. The
 * frame is sandboxed without scripts, so even template html the analyst typed cannot run.
 */
export function previewDocument(template: MailTemplateDefinition, mail: RenderedMail): string {
  const style = '<style>body{font:14px/1.5 system-ui,sans-serif;margin:12px;color:#1c2430}</style>';
  if (template.format === 'html' && mail.html !== undefined) return `${style}${mail.html}`;
  const escaped = mail.text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `${style}<pre style="white-space:pre-wrap;font:inherit">${escaped}</pre>`;
}
