import type { CalendarDefinition } from '../generated/calendar.generated';
import type { EntityDefinition, FieldDefinition } from '../generated/entity.generated';
import type { FormDefinition } from '../generated/form.generated';
import type { MailTemplateDefinition } from '../generated/mail-template.generated';
import type { ProcessDefinition } from '../generated/process.generated';
import type { RoleDefinition } from '../generated/role.generated';
import type { DefinitionKind } from '../validate/definition-error';

/** The kinds of single definitions that can be compared. */
export type DiffDefinitionKind = Exclude<DefinitionKind, 'solution'>;

/** Maps each comparable kind to its generated definition type. */
export interface DiffDefinitionByKind {
  entity: EntityDefinition;
  form: FormDefinition;
  process: ProcessDefinition;
  mailTemplate: MailTemplateDefinition;
  role: RoleDefinition;
  calendar: CalendarDefinition;
}

export type DefinitionChangeType = 'added' | 'removed' | 'changed';

/**
 * `destructive` marks a change that can make stored record data unusable (a field removed or
 * retyped, an entity removed); everything else is `info`.
 */
export type DefinitionChangeSeverity = 'info' | 'destructive';

/** One readable difference between two versions of a definition. */
export interface DefinitionChange {
  /** The kind of the definition the change is in (`solution` for the solution's own name and version). */
  kind: DefinitionKind;
  /** The key of that definition. */
  key: string;
  /**
   * JSON pointer to the changed part: into the new version for added and changed parts, into the
   * old version for removed ones.
   */
  path: string;
  change: DefinitionChangeType;
  severity: DefinitionChangeSeverity;
  /** A sentence in business terms, e.g. `Field “Discount”: max 30 → 40`. */
  message: string;
}

/**
 * Other definitions used only to name things in messages (field labels in a process, template
 * labels in a mail action, stage labels in a form rule). Lists may mix old and new versions: the
 * first definition with a matching key wins.
 */
export interface DiffContext {
  entities?: readonly EntityDefinition[];
  processes?: readonly ProcessDefinition[];
  mailTemplates?: readonly MailTemplateDefinition[];
}

/** A field change that can lose record data; the API counts the records holding data in the field. */
export interface DestructiveFieldChange {
  fieldKey: string;
  change: 'removed' | 'retyped';
  /** The field's type before the change. */
  from: FieldDefinition['type'];
  /** The field's type after a retype (equal to `from` when a reference now points to another entity); null when removed. */
  to: FieldDefinition['type'] | null;
}
