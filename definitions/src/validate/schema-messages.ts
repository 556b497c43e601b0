import type { ErrorObject } from 'ajv';
import { isRecord } from '../shared/json-pointer';
import { describeLocation } from './describe-location';

const formatWords: Record<string, string> = {
  Key: 'a key: lower-case letters, digits and underscores, starting with a letter (e.g. "deal_amount")',
  ItemId: 'an id made of letters, digits, "_" and "-", starting with a letter',
  FieldPath: 'a field key, or "reference.field" for a field of a related record',
  ConditionField: 'a field key, "reference.field", "$stage" or "$owner"',
  Duration: 'an ISO 8601 duration such as "P3D" (3 days), "PT2H" (2 hours) or "PT30M" (30 minutes)',
  SignedDuration: 'an ISO 8601 duration such as "P3D", or "-P3D" for three days before',
  CurrencyCode: 'a three-letter currency code such as "EUR"',
  RelativePath: 'a relative path to a .json file inside the solution folder',
};

const dataFormatWords: Record<string, string> = {
  date: 'a date written YYYY-MM-DD, e.g. "2026-11-22"',
  'date-time': 'a date and time such as "2026-11-22T09:30:00Z"',
  email: 'a valid e-mail address',
  uri: 'a full web address such as "https://example.com"',
  uuid: 'a valid id (uuid)',
};

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  null: 'null',
};

function list(values: unknown): string {
  if (!Array.isArray(values)) return '';
  return values.map((v) => `“${String(v)}”`).join(', ');
}

function titleOf(schema: unknown): string | undefined {
  return isRecord(schema) && typeof schema.title === 'string' ? schema.title : undefined;
}

function patternWords(error: ErrorObject): string {
  const title = titleOf(error.parentSchema);
  if (title && formatWords[title]) return formatWords[title];
  const description = isRecord(error.parentSchema) ? error.parentSchema.description : undefined;
  return typeof description === 'string'
    ? `in the expected format (${description})`
    : 'in the expected format';
}

function unionWords(error: ErrorObject): string {
  const title = titleOf(error.parentSchema);
  const words = title ? title.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'value';
  const description = isRecord(error.parentSchema) ? error.parentSchema.description : undefined;
  return `is not a valid ${words}${typeof description === 'string' ? `: ${description}` : '.'}`;
}

function discriminatorWords(error: ErrorObject, tags: (parent: unknown) => string[]): string {
  const params = error.params as { error?: string; tag?: string; tagValue?: unknown };
  const allowed = tags(error.parentSchema);
  const choices = allowed.length > 0 ? ` Use one of ${allowed.map((t) => `“${t}”`).join(', ')}.` : '';
  if (params.error === 'mapping') return `has an unknown type “${String(params.tagValue)}”.${choices}`;
  return `needs a “${params.tag ?? 'type'}”.${choices}`;
}

/**
 * Turns one ajv error into a sentence an analyst understands, naming the element concerned
 * (`Stage “Proposal”: “probability” must be at most 100.`).
 */
export function schemaErrorMessage(
  error: ErrorObject,
  root: unknown,
  rootName: string,
  tags: (parent: unknown) => string[],
): string {
  const at = describeLocation(root, error.instancePath, rootName);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at} needs “${String(p.missingProperty)}”.`;
    case 'additionalProperties':
      return `${at} has an unknown property “${String(p.additionalProperty)}”.`;
    case 'type':
      return `${at} must be ${String(p.type)
        .split(',')
        .map((t) => typeWords[t] ?? t)
        .join(' or ')}.`;
    case 'enum':
      return `${at} must be one of ${list(p.allowedValues)}.`;
    case 'const':
      return `${at} must be “${String(p.allowedValue)}”.`;
    case 'pattern':
      return `${at} must be ${patternWords(error)}.`;
    case 'format':
      return `${at} must be ${dataFormatWords[String(p.format)] ?? `a valid ${String(p.format)}`}.`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${at} must be ${error.keyword === 'minimum' ? 'at least' : 'more than'} ${String(p.limit)}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${at} must be ${error.keyword === 'maximum' ? 'at most' : 'less than'} ${String(p.limit)}.`;
    case 'minLength':
      return p.limit === 1
        ? `${at} must not be empty.`
        : `${at} must have at least ${String(p.limit)} characters.`;
    case 'maxLength':
      return `${at} must have at most ${String(p.limit)} characters.`;
    case 'minItems':
      return `${at} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.`;
    case 'maxItems':
      return `${at} may have at most ${String(p.limit)} items.`;
    case 'uniqueItems':
      return `${at} lists the same value twice (items ${Number(p.j) + 1} and ${Number(p.i) + 1}).`;
    case 'minProperties':
      return `${at} needs at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}.`;
    case 'propertyNames':
      return `${at} has an invalid name “${String(p.propertyName)}”: it must be a field key.`;
    case 'discriminator':
      return `${at} ${discriminatorWords(error, tags)}`;
    case 'oneOf':
    case 'anyOf':
      return `${at} ${unionWords(error)}`;
    case 'not':
      return isRecord(error.schema) && Array.isArray(error.schema.required)
        ? `${at} must not have “${error.schema.required.join('”, “')}” here.`
        : `${at} is not allowed here.`;
    default:
      return `${at} is not valid (${error.message ?? error.keyword}).`;
  }
}
