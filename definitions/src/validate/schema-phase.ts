import type { ErrorObject } from 'ajv';
import { isRecord, jsonPointer, pointerSegments } from '../shared/json-pointer';
import { definitionValidators } from './ajv';
import type { DefinitionError, DefinitionKind, ErrorSite } from './definition-error';
import { discriminatorTags, namedSchemas, pruneSchemaErrors } from './schema-errors';
import { schemaErrorMessage } from './schema-messages';

/** The arrays of a solution bundle and the kind of definition each holds. */
export const solutionCollections = {
  entities: 'entity',
  forms: 'form',
  processes: 'process',
  mailTemplates: 'mailTemplate',
  roles: 'role',
  calendars: 'calendar',
} as const satisfies Record<string, DefinitionKind>;

export type SolutionCollection = keyof typeof solutionCollections;

const kindWords: Record<DefinitionKind, string> = {
  entity: 'Entity',
  form: 'Form',
  process: 'Process',
  mailTemplate: 'Mail template',
  role: 'Role',
  calendar: 'Calendar',
  solution: 'Solution',
};

/** The key a definition is reported under: its key, or its position when it has none. */
export function siteKey(definition: unknown, index?: number): string {
  if (isRecord(definition) && typeof definition.key === 'string' && definition.key !== '')
    return definition.key;
  return index === undefined ? '' : `#${index + 1}`;
}

function rootName(kind: DefinitionKind, definition: unknown): string {
  const name = isRecord(definition)
    ? [definition.label, definition.key].find((v) => typeof v === 'string')
    : undefined;
  return typeof name === 'string' ? `${kindWords[kind]} “${name}”` : kindWords[kind];
}

function idAt(
  definition: unknown,
  collection: string,
  index: string | undefined,
  property: string,
): string | undefined {
  if (!isRecord(definition) || index === undefined) return undefined;
  const items = definition[collection];
  const item = Array.isArray(items) ? items[Number(index)] : undefined;
  return isRecord(item) && typeof item[property] === 'string' ? item[property] : undefined;
}

/** nodeId / edgeId / fieldKey for an error at `path` inside `definition`. */
export function locate(kind: DefinitionKind, definition: unknown, path: string): Partial<DefinitionError> {
  const [collection, index] = pointerSegments(path);
  if (kind === 'process' && collection === 'nodes') return { nodeId: idAt(definition, 'nodes', index, 'id') };
  if (kind === 'process' && collection === 'edges') return { edgeId: idAt(definition, 'edges', index, 'id') };
  if (kind === 'entity' && collection === 'fields')
    return { fieldKey: idAt(definition, 'fields', index, 'key') };
  return {};
}

function toDefinitionErrors(
  errors: readonly ErrorObject[],
  mapSite: (instancePath: string) => { site: ErrorSite; definition: unknown; path: string },
): DefinitionError[] {
  const named = namedSchemas();
  const tags = (parent: unknown): string[] => discriminatorTags(parent, named);
  return pruneSchemaErrors(errors, named).map((error) => {
    const { site, definition, path } = mapSite(error.instancePath);
    const message = schemaErrorMessage(
      { ...error, instancePath: path },
      definition,
      rootName(site.kind, definition),
      tags,
    );
    const located = Object.fromEntries(
      Object.entries(locate(site.kind, definition, path)).filter(([, v]) => v !== undefined),
    );
    return { rule: 'schema', message, kind: site.kind, key: site.key, path, ...located };
  });
}

/** Schema conformance of one definition. */
export function definitionSchemaErrors(kind: DefinitionKind, definition: unknown): DefinitionError[] {
  const validate = definitionValidators().byKind[kind];
  if (validate(definition)) return [];
  const site = { kind, key: siteKey(definition) };
  return toDefinitionErrors(validate.errors ?? [], (path) => ({ site, definition, path }));
}

/** Schema conformance of a solution bundle, each error reported against the definition holding it. */
export function solutionSchemaErrors(solution: unknown): DefinitionError[] {
  const validate = definitionValidators().byKind.solution;
  if (validate(solution)) return [];
  const solutionSite: ErrorSite = { kind: 'solution', key: siteKey(solution) };
  return toDefinitionErrors(validate.errors ?? [], (instancePath) => {
    const [collection, index, ...rest] = pointerSegments(instancePath);
    if (collection !== undefined && index !== undefined && Object.hasOwn(solutionCollections, collection)) {
      const items = isRecord(solution) ? solution[collection] : undefined;
      const definition: unknown = Array.isArray(items) ? items[Number(index)] : undefined;
      const kind = solutionCollections[collection as SolutionCollection];
      return {
        site: { kind, key: siteKey(definition, Number(index)) },
        definition,
        path: jsonPointer(...rest),
      };
    }
    return { site: solutionSite, definition: solution, path: instancePath };
  });
}
