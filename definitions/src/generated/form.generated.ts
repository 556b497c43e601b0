/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/form.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { Condition, Description, FieldPath, ItemId, Key, Label } from './common.generated';

/**
 * The layout of a record page for one entity: sections (optionally on tabs) holding fields, with rules that show, hide, require or lock them.
 */
export interface FormDefinition {
  /**
   * The technical name of the form, unique in the solution.
   */
  key: Key;
  /**
   * The name of the form.
   */
  label: Label;
  /**
   * What the form is for.
   */
  description?: Description;
  /**
   * The key of the entity the form shows.
   */
  entity: Key;
  /**
   * The sections of the form, in display order.
   *
   * @minItems 1
   * @maxItems 100
   */
  sections: FormSection[];
}
/**
 * A titled block of fields.
 *
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "FormSection".
 */
export interface FormSection {
  /**
   * Identifies the section inside the form.
   */
  id: ItemId;
  /**
   * The title of the section.
   */
  label: Label;
  /**
   * A short explanation shown under the title.
   */
  description?: Description;
  /**
   * The tab the section is on. Sections with the same tab name are shown together; without tabs, all sections are on one page.
   */
  tab?: Label;
  /**
   * How many columns the fields are laid out in (1 when left out).
   */
  columns?: number;
  /**
   * The fields of the section, in display order.
   *
   * @minItems 1
   * @maxItems 200
   */
  fields: FormField[];
  /**
   * Rules for the whole section.
   *
   * @maxItems 20
   */
  rules?: FormRule[];
}
/**
 * A field placed in a section.
 *
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "FormField".
 */
export interface FormField {
  /**
   * The field to show: its key, or "reference.field" to show a field of a related record (read-only).
   */
  field: FieldPath;
  /**
   * How many columns of the section the field takes (1 when left out).
   */
  span?: number;
  /**
   * Replaces the field's label on this form.
   */
  label?: Label;
  /**
   * Replaces the field's hint on this form.
   */
  helpText?: string;
  /**
   * Rules for this field only.
   *
   * @maxItems 20
   */
  rules?: FormRule[];
}
/**
 * Shows, hides, requires or locks a section or a field. It applies while its condition holds and the record is in one of its stages (both optional: without either, it always applies).
 *
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "FormRule".
 */
export interface FormRule {
  /**
   * "show": visible only while the rule applies; "hide": hidden while it applies; "require": must be filled while it applies; "lock": read-only while it applies.
   */
  effect: 'show' | 'hide' | 'require' | 'lock';
  /**
   * The rule applies only while this condition holds.
   */
  when?: Condition;
  /**
   * The rule applies only while the record is in one of these stages (process node ids).
   *
   * @minItems 1
   * @maxItems 100
   */
  stages?: ItemId[];
}
