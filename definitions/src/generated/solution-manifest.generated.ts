/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/solution-manifest.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { Description, Label } from './common.generated';

/**
 * A path to a JSON file inside the solution folder, using "/" and never leaving the folder.
 *
 * This interface was referenced by `SolutionManifest`'s JSON-Schema
 * via the `definition` "RelativePath".
 */
export type RelativePath = string;

/**
 * The solution.json file of a solution kept in a folder: the solution's name and version, and the files holding its definitions.
 */
export interface SolutionManifest {
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
   * The files holding the entities, relative to the manifest (e.g. "entities/deal.entity.json").
   */
  entities?: RelativePath[];
  /**
   * The files holding the forms, relative to the manifest (e.g. "forms/deal-main.form.json").
   */
  forms?: RelativePath[];
  /**
   * The files holding the processes, relative to the manifest (e.g. "processes/deal-pipeline.process.json").
   */
  processes?: RelativePath[];
  /**
   * The files holding the mail templates, relative to the manifest (e.g. "mail-templates/proposal.mail.json").
   */
  mailTemplates?: RelativePath[];
  /**
   * The files holding the roles, relative to the manifest (e.g. "roles/manager.role.json").
   */
  roles?: RelativePath[];
  /**
   * The files holding the calendars, relative to the manifest (e.g. "calendars/default.calendar.json").
   */
  calendars?: RelativePath[];
}
