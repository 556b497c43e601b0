import type { Solution } from '../generated/solution.generated';
import type { DefinitionChange, DiffContext, DiffDefinitionByKind, DiffDefinitionKind } from './diff.types';
import { ChangeCollector, matchList } from './diff-collector';
import { quote } from './diff-format';
import { diffEntity } from './entity-diff';
import { diffForm } from './form-diff';
import { diffMailTemplate } from './mail-template-diff';
import { diffProcess } from './process-diff';
import { diffCalendar, diffRole } from './role-calendar-diff';
import { STORED_KINDS } from '../validate/definition-error';

type Differ<K extends DiffDefinitionKind> = (
  before: DiffDefinitionByKind[K] | undefined,
  after: DiffDefinitionByKind[K] | undefined,
  context: DiffContext,
) => DefinitionChange[];

const differs: { [K in DiffDefinitionKind]: Differ<K> } = {
  entity: diffEntity,
  form: diffForm,
  process: diffProcess,
  mailTemplate: diffMailTemplate,
  role: (before, after) => diffRole(before, after),
  calendar: (before, after) => diffCalendar(before, after),
};

/**
 * Lists the differences between two versions of one definition in business terms. Pass
 * `undefined` as `before` for a new definition and as `after` for a deleted one. The context only
 * improves the names used in messages (field and template labels); the result is the same set of
 * changes without it.
 */
export function diffDefinitions<K extends DiffDefinitionKind>(
  kind: K,
  before: DiffDefinitionByKind[K] | undefined,
  after: DiffDefinitionByKind[K] | undefined,
  context: DiffContext = {},
): DefinitionChange[] {
  const differ: Differ<K> = differs[kind];
  return differ(before, after, context);
}

/** The solution lists, in the order their changes are reported. */
const solutionLists: { [K in DiffDefinitionKind]: (s: Solution) => readonly DiffDefinitionByKind[K][] } = {
  entity: (s) => s.entities,
  form: (s) => s.forms,
  process: (s) => s.processes,
  mailTemplate: (s) => s.mailTemplates,
  role: (s) => s.roles,
  calendar: (s) => s.calendars,
};

function diffKind<K extends DiffDefinitionKind>(
  kind: K,
  before: Solution,
  after: Solution,
  context: DiffContext,
): DefinitionChange[] {
  const list = solutionLists[kind];
  const match = matchList(list(before), list(after), (d) => d.key);
  return [
    ...match.kept.flatMap((pair) => diffDefinitions(kind, pair.before, pair.after, context)),
    ...match.added.flatMap(({ item }) => diffDefinitions(kind, undefined, item, context)),
    ...match.removed.flatMap(({ item }) => diffDefinitions(kind, item, undefined, context)),
  ];
}

/**
 * Lists every difference between two versions of a solution: its name and version, then each
 * definition kind in turn (entities, forms, processes, mail templates, roles, calendars).
 */
export function diffSolutions(before: Solution, after: Solution): DefinitionChange[] {
  const meta = new ChangeCollector('solution', after.key);
  const subject = `Solution ${quote(before.label)}`;
  if (before.label !== after.label)
    meta.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
  meta.value('/version', subject, 'version', before.version, after.version, String);
  meta.text('/description', subject, 'description', before.description, after.description);
  // New definitions name things first; old ones still name what was removed.
  const context: DiffContext = {
    entities: [...after.entities, ...before.entities],
    processes: [...after.processes, ...before.processes],
    mailTemplates: [...after.mailTemplates, ...before.mailTemplates],
  };
  return [...meta.changes, ...STORED_KINDS.flatMap((kind) => diffKind(kind, before, after, context))];
}
