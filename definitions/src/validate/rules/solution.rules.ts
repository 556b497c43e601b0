import { definitionError, q } from '../definition-error';
import type { DefinitionError, DefinitionKind } from '../definition-error';

const kindWords: Record<DefinitionKind, string> = {
  entity: 'entities',
  form: 'forms',
  process: 'processes',
  mailTemplate: 'mail templates',
  role: 'roles',
  calendar: 'calendars',
  solution: 'solutions',
};

/** duplicate-key: two definitions of the same kind share a key (reported on the later one). */
export function duplicateKeyRules(
  kind: DefinitionKind,
  keys: ReadonlyArray<string | undefined>,
): DefinitionError[] {
  const seen = new Set<string>();
  return keys.flatMap((key) => {
    if (key === undefined) return [];
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [
      definitionError(
        { kind, key },
        'duplicate-key',
        '/key',
        `Two ${kindWords[kind]} have the key ${q(key)}: each needs its own key.`,
      ),
    ];
  });
}
