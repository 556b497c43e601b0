import { BadRequestError, NotFoundError, type ProblemEntry } from './problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows a request body to an object, or answers 400. */
export function requireObject(body: unknown, what = 'The request body'): Record<string, unknown> {
  if (!isPlainObject(body)) throw new BadRequestError(`${what} must be a JSON object.`);
  return body;
}

/** Reads string properties of a body, collecting one error per missing or mistyped field. */
export function requireStrings<K extends string>(
  body: Record<string, unknown>,
  keys: readonly K[],
): Record<K, string> {
  const errors: ProblemEntry[] = [];
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = body[key];
    if (typeof value !== 'string' || value === '')
      errors.push({ field: key, rule: 'type', message: `"${key}" must be a non-empty string.` });
    else out[key] = value;
  }
  if (errors.length > 0) throw new BadRequestError('Some fields are missing or have the wrong type.', errors);
  return out as Record<K, string>;
}

/** A malformed id cannot name an existing resource: it is answered like any unknown id. */
export function requireUuidParam(value: string | undefined, what: string): string {
  if (!isUuid(value)) throw new NotFoundError(`No such ${what}.`);
  return value;
}
