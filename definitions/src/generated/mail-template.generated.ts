/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/mail-template.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { Condition, Description, ItemId, Key, Label } from './common.generated';

/**
 * A mail the application or a process sends about a record. Subject and body may hold merge fields such as {{name}}, {{account.name}} or {{owner.name}}, replaced by the record's values.
 */
export interface MailTemplateDefinition {
  /**
   * The technical name of the template, unique in the solution.
   */
  key: Key;
  /**
   * The name of the template, e.g. "Proposal (distributors)".
   */
  label: Label;
  /**
   * When to use this template.
   */
  description?: Description;
  /**
   * The key of the entity whose records the mail is about.
   */
  entity: Key;
  /**
   * A grouping for the template list, e.g. "proposal" or "follow_up".
   */
  category?: Key;
  /**
   * "html" for a formatted mail, "text" for plain text.
   */
  format: 'html' | 'text';
  /**
   * The subject line; may hold merge fields.
   */
  subject: string;
  /**
   * The content of the mail; may hold merge fields. Values are escaped, so they cannot inject HTML.
   */
  body: string;
  gate?: TemplateGate;
}
/**
 * Restricts when users may send the template by hand.
 *
 * This interface was referenced by `MailTemplateDefinition`'s JSON-Schema
 * via the `definition` "TemplateGate".
 */
export interface TemplateGate {
  /**
   * The template can be sent only while the record is in one of these stages (process node ids).
   *
   * @minItems 1
   * @maxItems 100
   */
  stages?: ItemId[];
  /**
   * The template can be sent only while this condition holds (e.g. the client card is complete).
   */
  condition?: Condition;
  /**
   * What the user is told when the template cannot be sent yet.
   */
  message?: string;
}
