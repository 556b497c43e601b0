/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/entity.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { Condition, Description, Key, Label } from './common.generated';

/**
 * One field of an entity. Its "type" decides what values it holds and which other properties it takes.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "FieldDefinition".
 */
export type FieldDefinition =
  | TextField
  | LongTextField
  | NumberField
  | IntegerField
  | MoneyField
  | PercentField
  | DateField
  | DateTimeField
  | BooleanField
  | EmailField
  | PhoneField
  | UrlField
  | EnumField
  | MultiEnumField
  | ReferenceField
  | UserField;
/**
 * An ISO 4217 currency code, e.g. "EUR" or "USD".
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "CurrencyCode".
 */
export type CurrencyCode = string;

/**
 * A kind of business record (deal, account, contact…): its fields and field groups. Every record also has system fields (id, owner, stage, status, version, created and updated dates) that are not listed here.
 */
export interface EntityDefinition {
  /**
   * The technical name of the entity, unique in the solution, e.g. "deal".
   */
  key: Key;
  /**
   * The name of one record, e.g. "Deal".
   */
  label: Label;
  /**
   * The name of several records, e.g. "Deals".
   */
  pluralLabel: Label;
  /**
   * What the entity represents.
   */
  description?: Description;
  /**
   * The field shown as the record's title in lists, links and headers (usually the name).
   */
  titleField?: Key;
  /**
   * The fields of the entity, in display order.
   *
   * @minItems 1
   * @maxItems 500
   */
  fields: FieldDefinition[];
  /**
   * Groups of fields that apply only while a condition holds.
   *
   * @maxItems 100
   */
  fieldGroups?: FieldGroup[];
}
/**
 * A single line of text.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "TextField".
 */
export interface TextField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "text" here.
   */
  type: 'text';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The fewest characters allowed.
   */
  minLength?: number;
  /**
   * The most characters allowed (1,000 when left out).
   */
  maxLength?: number;
  /**
   * A regular expression the text must match, e.g. "^[A-Z]{2}[0-9]+$".
   */
  pattern?: string;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * Computes a field from the others on every save: the first case that holds wins; when none holds, the "otherwise" value is used (or the field is left empty).
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "DeriveRule".
 */
export interface DeriveRule {
  /**
   * The cases, checked in order.
   *
   * @minItems 1
   * @maxItems 100
   */
  cases: DeriveCase[];
  /**
   * The value when no case holds.
   */
  otherwise?: string | number | boolean | null | unknown[] | {};
}
/**
 * When the condition holds, the field takes this value.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "DeriveCase".
 */
export interface DeriveCase {
  /**
   * When this case applies.
   */
  when: Condition;
  /**
   * The value the field takes. It must suit the field type.
   */
  value: string | number | boolean | null | unknown[] | {};
}
/**
 * Several lines of text, e.g. notes.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "LongTextField".
 */
export interface LongTextField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "longText" here.
   */
  type: 'longText';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The most characters allowed (100,000 when left out).
   */
  maxLength?: number;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * A number with decimals.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "NumberField".
 */
export interface NumberField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "number" here.
   */
  type: 'number';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The smallest value allowed.
   */
  min?: number;
  /**
   * The largest value allowed.
   */
  max?: number;
  /**
   * The value a new record starts with.
   */
  default?: number;
}
/**
 * A whole number.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "IntegerField".
 */
export interface IntegerField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "integer" here.
   */
  type: 'integer';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The smallest value allowed.
   */
  min?: number;
  /**
   * The largest value allowed.
   */
  max?: number;
  /**
   * The value a new record starts with.
   */
  default?: number;
}
/**
 * An amount of money with its currency, e.g. 12,000 EUR.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "MoneyField".
 */
export interface MoneyField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "money" here.
   */
  type: 'money';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The smallest amount allowed.
   */
  min?: number;
  /**
   * The largest amount allowed.
   */
  max?: number;
  /**
   * The currencies allowed (ISO 4217 codes such as "EUR"). Any currency when left out.
   *
   * @minItems 1
   */
  currencies?: CurrencyCode[];
  default?: MoneyValue;
}
/**
 * An amount of money and its currency.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "MoneyValue".
 */
export interface MoneyValue {
  /**
   * The amount.
   */
  amount: number;
  currency: CurrencyCode;
}
/**
 * A percentage between 0 and 100.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "PercentField".
 */
export interface PercentField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "percent" here.
   */
  type: 'percent';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The smallest percentage allowed.
   */
  min?: number;
  /**
   * The largest percentage allowed.
   */
  max?: number;
  /**
   * The value a new record starts with.
   */
  default?: number;
}
/**
 * A calendar day, e.g. 2026-11-22.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "DateField".
 */
export interface DateField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "date" here.
   */
  type: 'date';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The earliest day allowed.
   */
  min?: string;
  /**
   * The latest day allowed.
   */
  max?: string;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * A moment in time (date and time with its time zone).
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "DateTimeField".
 */
export interface DateTimeField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "datetime" here.
   */
  type: 'datetime';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * Yes or no.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "BooleanField".
 */
export interface BooleanField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "boolean" here.
   */
  type: 'boolean';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The value a new record starts with.
   */
  default?: boolean;
}
/**
 * An e-mail address.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "EmailField".
 */
export interface EmailField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "email" here.
   */
  type: 'email';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The most characters allowed (320 when left out).
   */
  maxLength?: number;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * A phone number.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "PhoneField".
 */
export interface PhoneField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "phone" here.
   */
  type: 'phone';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The most characters allowed (50 when left out).
   */
  maxLength?: number;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * A web address.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "UrlField".
 */
export interface UrlField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "url" here.
   */
  type: 'url';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The most characters allowed (2,048 when left out).
   */
  maxLength?: number;
  /**
   * The value a new record starts with.
   */
  default?: string;
}
/**
 * One choice from a list of options.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "EnumField".
 */
export interface EnumField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "enum" here.
   */
  type: 'enum';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The options to choose from, in display order.
   *
   * @minItems 1
   * @maxItems 500
   */
  options: EnumOption[];
  /**
   * The option value a new record starts with. Must be one of the options.
   */
  default?: string;
}
/**
 * One option of a choice field.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "EnumOption".
 */
export interface EnumOption {
  /**
   * The stored value (letters, digits, "_", "-", "."). Conditions compare with this value.
   */
  value: string;
  /**
   * What people see.
   */
  label: Label;
  /**
   * A colour for badges and charts, e.g. "#2563eb".
   */
  color?: string;
}
/**
 * Several choices from a list of options.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "MultiEnumField".
 */
export interface MultiEnumField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "multiEnum" here.
   */
  type: 'multiEnum';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The options to choose from, in display order.
   *
   * @minItems 1
   * @maxItems 500
   */
  options: EnumOption[];
  /**
   * The fewest options that must be chosen.
   */
  minItems?: number;
  /**
   * The most options that may be chosen.
   */
  maxItems?: number;
  /**
   * The option values a new record starts with. Each must be one of the options.
   */
  default?: string[];
}
/**
 * A link to a record of another entity (e.g. the account of a deal). Conditions, forms and templates can reach its fields with "field.otherField".
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "ReferenceField".
 */
export interface ReferenceField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "reference" here.
   */
  type: 'reference';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
  /**
   * The key of the entity the linked record belongs to.
   */
  entity: Key;
}
/**
 * A user of the application (e.g. a technical expert on a deal).
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "UserField".
 */
export interface UserField {
  /**
   * The technical name of the field, used in conditions, forms, templates and the API. Must be unique within the entity and must not be a system field (id, entity, owner, stage, status, version…).
   */
  key: Key;
  /**
   * The name of the field on forms, lists and in messages.
   */
  label: Label;
  /**
   * The kind of value the field holds: always "user" here.
   */
  type: 'user';
  /**
   * A record cannot be saved without a value in this field. For a field in a field group, only while the group applies.
   */
  required?: boolean;
  /**
   * No two records of this entity may hold the same value in this field.
   */
  unique?: boolean;
  /**
   * Lists can filter and sort by this field quickly. Use it for fields people search or sort by often.
   */
  indexed?: boolean;
  /**
   * A hint shown under the field on forms.
   */
  helpText?: string;
  /**
   * People cannot change the value on forms; only processes can.
   */
  readOnly?: boolean;
  derive?: DeriveRule;
}
/**
 * Fields that apply only in some situations (e.g. parameters that only distributors have). While the group does not apply, its fields are hidden and not required, but their values are kept.
 *
 * This interface was referenced by `EntityDefinition`'s JSON-Schema
 * via the `definition` "FieldGroup".
 */
export interface FieldGroup {
  /**
   * The technical name of the group, unique within the entity.
   */
  key: Key;
  /**
   * The title of the group on forms.
   */
  label: Label;
  /**
   * An explanation of the group.
   */
  description?: Description;
  /**
   * When the group applies, e.g. segment equals "distributor".
   */
  when: Condition;
  /**
   * The keys of the fields in the group. A field belongs to at most one group.
   *
   * @minItems 1
   */
  fields: Key[];
}
