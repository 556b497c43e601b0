export {
  buildMergeContext,
  formatFieldValue,
  formatMoney,
  formatDate,
  formatDateTime,
} from './merge-context';
export type { MergeContext, MergeOwner, RelatedRecord } from './merge-context';
export { renderTemplate, isTemplateUnlocked, TemplateRenderError } from './render-template';
export type { RenderedMail, GateRecord, TemplateLock } from './render-template';
export { htmlToText } from './html-to-text';
