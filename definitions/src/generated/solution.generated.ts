/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/solution.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { CalendarDefinition } from './calendar.generated';
import type { Description, Label } from './common.generated';
import type { EntityDefinition } from './entity.generated';
import type { FormDefinition } from './form.generated';
import type { MailTemplateDefinition } from './mail-template.generated';
import type { ProcessDefinition } from './process.generated';
import type { RoleDefinition } from './role.generated';

/**
 * A bundle of definitions installed together (entities, forms, processes, mail templates, roles and calendars). It is the export and import format.
 */
export interface Solution {
  /**
   * The technical name of the solution: lower-case letters, digits, "_" and "-", e.g. "b2b-sales".
   */
  key: string;
  /**
   * The name of the solution, e.g. "B2B sales".
   */
  label: Label;
  /**
   * The version of the solution, e.g. "1.0.0".
   */
  version: string;
  /**
   * What the solution provides.
   */
  description?: Description;
  /**
   * The entities of the solution.
   */
  entities: EntityDefinition[];
  /**
   * The forms of the solution.
   */
  forms: FormDefinition[];
  /**
   * The processes of the solution.
   */
  processes: ProcessDefinition[];
  /**
   * The mail templates of the solution.
   */
  mailTemplates: MailTemplateDefinition[];
  /**
   * The roles the solution adds to the built-in ones.
   */
  roles: RoleDefinition[];
  /**
   * The business calendars of the solution.
   */
  calendars: CalendarDefinition[];
}
