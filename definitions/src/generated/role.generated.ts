/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/role.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { Description, Key, Label } from './common.generated';

/**
 * One permission: read, edit or publish definitions; read, write, delete or assign records; decide approvals; read analytics; manage users; read the audit log.
 *
 * This interface was referenced by `RoleDefinition`'s JSON-Schema
 * via the `definition` "Capability".
 */
export type Capability =
  | 'definitions.read'
  | 'definitions.edit'
  | 'definitions.publish'
  | 'records.read'
  | 'records.write'
  | 'records.delete'
  | 'records.assign'
  | 'approvals.decide'
  | 'analytics.read'
  | 'users.manage'
  | 'audit.read';

/**
 * A role users can hold: which records they see and what they may do.
 */
export interface RoleDefinition {
  /**
   * The technical name of the role, unique in the solution (built-in roles: admin, analyst, manager, director, rep).
   */
  key: Key;
  /**
   * The name of the role, e.g. "Sales manager".
   */
  label: Label;
  /**
   * Who should hold this role.
   */
  description?: Description;
  /**
   * Which records the role sees: "none"; "own" (their own and those shared with them); "team" (also those of everybody who reports to them, directly or not); "all".
   */
  recordScope: 'none' | 'own' | 'team' | 'all';
  /**
   * What the role may do.
   */
  capabilities: Capability[];
}
