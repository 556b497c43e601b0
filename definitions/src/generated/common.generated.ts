/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/common.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */

/**
 * A stable technical name: lower-case letters, digits and underscores, starting with a letter (at most 63 characters). It never changes once records use it; the label is what people see.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Key".
 */
export type Key = string;
/**
 * The name people see in the application.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Label".
 */
export type Label = string;
/**
 * A free explanation for the people who maintain or use this definition.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Description".
 */
export type Description = string;
/**
 * An identifier that is unique inside its definition (for nodes, edges, checklist items, timers, sections…): letters, digits, underscores and hyphens, starting with a letter.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "ItemId".
 */
export type ItemId = string;
/**
 * A field of the record (its key, e.g. "amount"), or a field of a related record reached through a reference field (e.g. "account.segment").
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "FieldPath".
 */
export type FieldPath = string;
/**
 * What a comparison looks at: a field path (e.g. "discount" or "account.segment"), "$stage" for the record's current stage, or "$owner" for the id of the record's owner.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "ConditionField".
 */
export type ConditionField = string;
/**
 * A length of time written in ISO 8601: "P3D" is three days, "PT2H" two hours, "PT30M" thirty minutes, "P1W" one week, "P1DT12H" a day and a half. Years and months are not accepted because their length varies.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string;
/**
 * A duration in ISO 8601 that may start with "-" to mean "before": "-P3D" is three days before, "PT2H" two hours after.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "SignedDuration".
 */
export type SignedDuration = string;
/**
 * How the field is compared with the value: "eq" equals, "ne" differs from, "gt"/"gte" greater than (or equal), "lt"/"lte" less than (or equal), "in"/"notIn" is (not) one of a list, "contains" contains the text or the option, "isSet"/"isNotSet" has (no) value.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "ComparisonOperator".
 */
export type ComparisonOperator =
  'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'contains' | 'isSet' | 'isNotSet';
/**
 * A single value: text, number, true/false or nothing (null).
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "ScalarValue".
 */
export type ScalarValue = string | number | boolean | null;
/**
 * The value the field is compared with: a single value, or a list of values for "in" and "notIn". Dates are written "2026-11-22"; money is compared by its amount.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "ConditionValue".
 */
export type ConditionValue = ScalarValue | ScalarValue[];
/**
 * A rule that is true or false for a record: a comparison of one field, or a group of conditions combined with "all" (and), "any" (or) or "not".
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Condition".
 */
export type Condition = Comparison | AllCondition | AnyCondition | NotCondition;
/**
 * Who a task or an approval goes to: the record owner, the owner's manager, anyone with a role, or a named user.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Assignee".
 */
export type Assignee = OwnerAssignee | OwnerManagerAssignee | RoleAssignee | UserAssignee;
/**
 * Who receives a mail or a notification: the record owner, the owner's manager, anyone with a role, a named user, the address held in a field, or a fixed address.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Recipient".
 */
export type Recipient =
  OwnerAssignee | OwnerManagerAssignee | RoleAssignee | UserAssignee | FieldRecipient | AddressRecipient;
/**
 * A mail template key, or a choice of templates by condition.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "TemplateChoice".
 */
export type TemplateChoice = Key | TemplateSelection;
/**
 * Something the process does automatically: send a mail, create a task, update a record or notify someone.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Action".
 */
export type Action = SendMailAction | CreateTaskAction | UpdateRecordAction | NotifyAction;

/**
 * Building blocks shared by every definition kind: keys, labels, conditions, durations, assignees, recipients, actions and timers. This file is not a definition itself; the other schemas refer to its "definitions".
 */
export interface CommonDefinitions {}
/**
 * Where the designer draws the element on the canvas. It has no effect on how the process runs.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Position".
 */
export interface Position {
  /**
   * Horizontal position on the canvas, in pixels.
   */
  x: number;
  /**
   * Vertical position on the canvas, in pixels.
   */
  y: number;
}
/**
 * Compares one field with a value, e.g. "discount is greater than 10".
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Comparison".
 */
export interface Comparison {
  field: ConditionField;
  op: ComparisonOperator;
  value?: ConditionValue;
}
/**
 * Holds when every condition in the list holds (and). An empty list always holds.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "AllCondition".
 */
export interface AllCondition {
  /**
   * The conditions that must all hold.
   *
   * @maxItems 100
   */
  all: Condition[];
}
/**
 * Holds when at least one condition in the list holds (or). An empty list never holds.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "AnyCondition".
 */
export interface AnyCondition {
  /**
   * The conditions of which at least one must hold.
   *
   * @maxItems 100
   */
  any: Condition[];
}
/**
 * Holds when the inner condition does not hold.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "NotCondition".
 */
export interface NotCondition {
  not: Condition;
}
/**
 * The owner of the record.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "OwnerAssignee".
 */
export interface OwnerAssignee {
  /**
   * Always "owner".
   */
  type: 'owner';
}
/**
 * The manager of the record's owner.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "OwnerManagerAssignee".
 */
export interface OwnerManagerAssignee {
  /**
   * Always "ownerManager".
   */
  type: 'ownerManager';
}
/**
 * Any user who has the role (the first to act takes it).
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "RoleAssignee".
 */
export interface RoleAssignee {
  /**
   * Always "role".
   */
  type: 'role';
  role: Key;
}
/**
 * One named user.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "UserAssignee".
 */
export interface UserAssignee {
  /**
   * Always "user".
   */
  type: 'user';
  /**
   * The id of the user.
   */
  userId: string;
}
/**
 * The e-mail address held in a field of the record or of a related record, e.g. "contact.email".
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "FieldRecipient".
 */
export interface FieldRecipient {
  /**
   * Always "field".
   */
  type: 'field';
  field: FieldPath;
}
/**
 * A fixed e-mail address.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "AddressRecipient".
 */
export interface AddressRecipient {
  /**
   * Always "address".
   */
  type: 'address';
  /**
   * The e-mail address.
   */
  address: string;
}
/**
 * Use this template when the condition holds.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "TemplateCase".
 */
export interface TemplateCase {
  when: Condition;
  template: Key;
}
/**
 * Chooses the template by condition: the first case that holds wins, otherwise the fallback.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "TemplateSelection".
 */
export interface TemplateSelection {
  /**
   * The candidate templates, checked in order.
   *
   * @minItems 1
   * @maxItems 50
   */
  cases: TemplateCase[];
  otherwise?: Key;
}
/**
 * Sends a mail built from a mail template.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "SendMailAction".
 */
export interface SendMailAction {
  /**
   * Always "sendMail".
   */
  type: 'sendMail';
  template: TemplateChoice;
  to: Recipient;
}
/**
 * Creates a task for someone.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "CreateTaskAction".
 */
export interface CreateTaskAction {
  /**
   * Always "createTask".
   */
  type: 'createTask';
  /**
   * The title of the task, e.g. "Call the client back".
   */
  title: string;
  assignee: Assignee;
  due?: Duration;
  /**
   * Count the due time in the working hours of the process calendar.
   */
  businessTime?: boolean;
  description?: Description;
}
/**
 * Changes fields of the record or of a related record.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "UpdateRecordAction".
 */
export interface UpdateRecordAction {
  /**
   * Always "updateRecord".
   */
  type: 'updateRecord';
  target?: Key;
  set: FieldValues;
}
/**
 * Field keys and the values to give them, e.g. { "priority": "high" }. Each value must suit its field.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "FieldValues".
 */
export interface FieldValues {
  [k: string]: unknown;
}
/**
 * Sends an in-app notification.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "NotifyAction".
 */
export interface NotifyAction {
  /**
   * Always "notify".
   */
  type: 'notify';
  to: Recipient;
  /**
   * The notification text.
   */
  message: string;
}
/**
 * Runs actions after a time while the record stays in the node (reminders, follow-ups, SLAs). It is cancelled when the record leaves the node, or when a matching activity is logged.
 *
 * This interface was referenced by `CommonDefinitions`'s JSON-Schema
 * via the `definition` "Timer".
 */
export interface Timer {
  id: ItemId;
  label?: Label;
  after: Duration;
  /**
   * Count the duration in the working hours of the process calendar instead of calendar time.
   */
  businessTime?: boolean;
  /**
   * "entered": counted from when the record entered the node. "lastActivity": counted from the last activity logged on the record (an idle timer, restarted by each activity).
   */
  basis: 'entered' | 'lastActivity';
  unlessActivity?: ActivityMatch;
  /**
   * What happens when the timer fires.
   *
   * @minItems 1
   * @maxItems 20
   */
  actions: Action[];
}
/**
 * Cancels the timer when an activity of this type (and result, if given) is logged on the record while it waits.
 */
export interface ActivityMatch {
  type?: Key;
  result?: Key;
}
