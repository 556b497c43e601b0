import type { ErrorObject } from 'ajv';
import { isRecord, pointerSegments } from '../shared/json-pointer';
import { definitionSchemas } from './schemas';

type Schema = Record<string, unknown>;

/** Every titled schema of the language by its definition name, to reason about union branches. */
export function namedSchemas(): Map<string, Schema> {
  const named = new Map<string, Schema>();
  for (const file of Object.values(definitionSchemas) as unknown[]) {
    if (!isRecord(file) || !isRecord(file.definitions)) continue;
    for (const [name, schema] of Object.entries(file.definitions))
      if (isRecord(schema)) named.set(name, schema);
  }
  return named;
}

function branchSchemas(union: ErrorObject, named: Map<string, Schema>): Schema[] {
  const parent = union.parentSchema;
  const branches = isRecord(parent) ? parent[union.keyword] : undefined;
  if (!Array.isArray(branches)) return [];
  return branches.map((branch: unknown) => {
    const ref = isRecord(branch) && typeof branch.$ref === 'string' ? branch.$ref : undefined;
    const target = ref ? named.get(ref.split('/').pop() ?? '') : undefined;
    return target ?? (isRecord(branch) ? branch : {});
  });
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schemaType: unknown, value: unknown): boolean {
  if (schemaType === undefined) return true;
  const types = Array.isArray(schemaType) ? schemaType : [schemaType];
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

/** How well the data fits a branch: its type must match; each required property present scores. */
function branchScore(branch: Schema, data: unknown): number {
  if (!typeMatches(branch.type, data)) return -1;
  if (!isRecord(data)) return 1;
  const required = Array.isArray(branch.required) ? branch.required : [];
  return required.filter((p) => typeof p === 'string' && Object.hasOwn(data, p)).length;
}

function belongsTo(error: ErrorObject, branch: Schema): boolean {
  if (error.parentSchema === branch) return true;
  const conditionals = Array.isArray(branch.allOf) ? branch.allOf : [];
  return conditionals.some(
    (c: unknown) => isRecord(c) && (c.then === error.parentSchema || c.else === error.parentSchema),
  );
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * ajv reports the failures of every branch of a `oneOf`/`anyOf`; an analyst wants to hear about
 * the branch they meant. This keeps the errors of the branch that fits the data best (by type and
 * required properties) and, when no branch fits at all, one error saying what was expected.
 */
export function pruneSchemaErrors(errors: readonly ErrorObject[], named: Map<string, Schema>): ErrorObject[] {
  // `if` only says "must match then"; a property name's own error repeats the propertyNames one.
  let kept = errors.filter(
    (e) => e.keyword !== 'if' && (e.propertyName === undefined || e.keyword === 'propertyNames'),
  );
  const unions = kept
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => pointerSegments(b.instancePath).length - pointerSegments(a.instancePath).length);
  for (const union of unions) {
    if (!kept.includes(union)) continue;
    const at = union.instancePath;
    const branches = branchSchemas(union, named);
    const scored = branches.map((branch) => ({ branch, score: branchScore(branch, union.data) }));
    const best = scored.reduce((a, b) => (b.score > a.score ? b : a), { branch: {}, score: -1 });
    if (best.score <= 0) {
      kept = kept.filter((e) => e === union || !isUnder(e.instancePath, at));
      continue;
    }
    const others = branches.filter((b) => b !== best.branch);
    kept = kept.filter((e) => {
      if (e === union) return false;
      if (e.instancePath !== at) return true;
      if (belongsTo(e, best.branch)) return true;
      return !others.some((b) => belongsTo(e, b));
    });
    if (!kept.some((e) => isUnder(e.instancePath, at))) kept.push(union);
  }
  return kept;
}

/** The `type` values a discriminated union accepts, for "use one of …" hints. */
export function discriminatorTags(parent: unknown, named: Map<string, Schema>): string[] {
  const branches = isRecord(parent) && Array.isArray(parent.oneOf) ? parent.oneOf : [];
  return branches.flatMap((branch: unknown) => {
    const ref = isRecord(branch) && typeof branch.$ref === 'string' ? branch.$ref : '';
    const target = named.get(ref.split('/').pop() ?? '');
    const properties = target && isRecord(target.properties) ? target.properties : {};
    const tag = isRecord(properties.type) ? properties.type.const : undefined;
    return typeof tag === 'string' ? [tag] : [];
  });
}
