// Public API of @crm/definitions: the definition language's types (generated from the JSON
// Schemas), validation, record schemas, conditions and durations, and the types of the API's HTTP
// answers (wire/). Pure: no Node-only modules (those live in @crm/definitions/node).
export * from './generated/common.generated';
export * from './generated/entity.generated';
export * from './generated/form.generated';
export * from './generated/process.generated';
export * from './generated/mail-template.generated';
export * from './generated/role.generated';
export * from './generated/calendar.generated';
export * from './generated/solution.generated';
export * from './generated/solution-manifest.generated';

export { validateDefinition, validateSolution } from './validate/validate';
export type { DefinitionContext } from './validate/validate';
export { RULE_IDS, STORED_KINDS, isStoredKind } from './validate/definition-error';
export type { DefinitionError, DefinitionKind, RuleId } from './validate/definition-error';
export { BUILT_IN_ROLES } from './validate/rule-context';
export { createAjv } from './validate/ajv';
export { definitionSchemas } from './validate/schemas';
export { mergeFieldPaths, OWNER_MERGE_FIELDS } from './validate/rules/template.rules';

export { compileRecordSchema, fieldValueSchema, DEFAULT_MAX_LENGTH } from './records/compile-record-schema';
export type { CompileRecordSchemaOptions } from './records/compile-record-schema';
export { conditionToJsonSchema } from './records/condition-schema';
export type { JsonSchema } from './records/condition-schema';
export { createRecordValidator, getRecordValidator, RecordValidatorCache } from './records/record-validator';
export type { RecordValidationResult, RecordValidator } from './records/record-validator';
export type { FieldError } from './records/record-errors';
export { applyDerivations } from './records/derivations';
export { valueFitsField } from './records/value-fits';
export {
  RESERVED_FIELD_KEYS,
  isReservedFieldKey,
  findField,
  listFields,
  listFieldPaths,
  fieldPathExists,
  resolveFieldPath,
  isDerivedField,
  toLookup,
} from './records/fields';
export type { EntityLookup, FieldResolution, ReservedFieldKey } from './records/fields';

export { evaluateCondition, readConditionField, isValueSet } from './conditions/evaluate-condition';
export type { ConditionContext, RecordData } from './conditions/evaluate-condition';
export { conditionFieldPaths, walkComparisons, isComparison } from './conditions/condition-walk';
export { describeCondition } from './conditions/describe-condition';
export type { DescribeConditionOptions } from './conditions/describe-condition';

export { parseDuration, isValidDuration, formatDuration, DurationError } from './durations/duration';
export { addBusinessDuration, addBusinessTime, isWorkingTime } from './durations/business-time';
export type { BusinessCalendar } from './durations/business-time';

export { canonicalJson } from './shared/canonical-json';
export { jsonPointer } from './shared/json-pointer';
export { identifierWords } from './shared/words';

export * from './diff';

export * from './templates';

export type * from './wire';
