import Handlebars from 'handlebars';
import type { MailTemplateDefinition, TemplateGate } from '../generated/mail-template.generated';
import { evaluateCondition, type RecordData } from '../conditions/evaluate-condition';
import { htmlToText } from './html-to-text';
import type { MergeContext } from './merge-context';

/** A template rendered for one record: `html` only for html templates, `text` always. */
export interface RenderedMail {
  subject: string;
  text: string;
  html?: string;
}

/** A merge field the record cannot fill, or a template handlebars cannot parse. */
export class TemplateRenderError extends Error {
  constructor(
    message: string,
    /** The merge field that has no value (`contact.first_name`), when that is the cause. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TemplateRenderError';
  }
}

// An isolated environment: helpers registered elsewhere in the process never reach templates.
const handlebars = Handlebars.create();

/** The full path at the position handlebars reports ("… - 1:12"): it names only the last segment. */
function pathAt(source: string, message: string): string | undefined {
  const loc = /- (\d+):(\d+)$/.exec(message);
  if (!loc) return undefined;
  const line = source.split('\n')[Number(loc[1]) - 1] ?? '';
  return /^[\w.]+/.exec(line.slice(Number(loc[2])))?.[0];
}

function renderPart(
  template: MailTemplateDefinition,
  part: 'subject' | 'body',
  context: MergeContext,
  escape: boolean,
): string {
  const source = template[part];
  try {
    return handlebars.compile(source, { strict: true, noEscape: !escape })(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const field = / not defined in /.test(message) ? pathAt(source, message) : undefined;
    if (field !== undefined)
      throw new TemplateRenderError(
        `The ${part} of mail template "${template.label}" uses {{${field}}}, which has no value for this record.`,
        field,
      );
    throw new TemplateRenderError(`Mail template "${template.label}" cannot be rendered: ${message}`);
  }
}

/**
 * Renders a template's subject and body over a merge context (see buildMergeContext). Strict: a
 * merge field without a value is a TemplateRenderError naming it, never an empty string, so a
 * mail never goes out as "Dear ,". Values are HTML-escaped in html bodies; the subject and text
 * bodies are plain text and stay unescaped. An html mail also gets a plain-text alternative.
 */
export function renderTemplate(template: MailTemplateDefinition, context: MergeContext): RenderedMail {
  const subject = renderPart(template, 'subject', context, false)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  switch (template.format) {
    case 'html': {
      const html = renderPart(template, 'body', context, true);
      return { subject, html, text: htmlToText(html) };
    }
    case 'text':
      return { subject, text: renderPart(template, 'body', context, false) };
    default:
      throw new Error(`Unknown template format: ${String((template as { format: unknown }).format)}`);
  }
}

/** The record as a gate sees it (the shape the process interpreter keeps). */
export interface GateRecord {
  data: RecordData;
  related?: Record<string, RecordData | undefined>;
}

export type TemplateLock = { unlocked: true } | { unlocked: false; reason: string };

function lockReason(gate: TemplateGate): string {
  return gate.message ?? 'This template cannot be sent for the record in its current state.';
}

/**
 * Whether users may send the template for the record now: the record must be in one of the gate's
 * stages (when it lists any) and the gate's condition must hold. Locked templates carry the gate's
 * message as the reason.
 */
export function isTemplateUnlocked(
  template: MailTemplateDefinition,
  input: { stage: string | null | undefined; record: GateRecord },
): TemplateLock {
  const gate = template.gate;
  if (!gate) return { unlocked: true };
  const stage = input.stage ?? undefined;
  if (gate.stages && (stage === undefined || !gate.stages.includes(stage)))
    return { unlocked: false, reason: lockReason(gate) };
  const ownerId = input.record.data.ownerId;
  if (
    gate.condition &&
    !evaluateCondition(gate.condition, {
      record: input.record.data,
      ...(input.record.related ? { related: input.record.related } : {}),
      ...(stage !== undefined ? { stage } : {}),
      ...(typeof ownerId === 'string' ? { ownerId } : {}),
    })
  )
    return { unlocked: false, reason: lockReason(gate) };
  return { unlocked: true };
}
