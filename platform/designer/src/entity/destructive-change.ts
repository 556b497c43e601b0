// The logic of the "records affected" prompt: which removed or retyped fields hold data (the API
// refuses such a publish with the counts), where a removed field's values could move, what the
// analyst chose for each, what to send next and how to tell what the publish did.
import {
  destructiveFieldChanges,
  type EntityDefinition,
  type FieldDefinition,
  type ProblemEntry,
  type PublishResult,
} from '@crm/definitions';

/** The data migrations the API applies to one field's stored values. */
export type FieldMigration = 'clear' | { moveTo: string };

/** The `migration` of a publish request: per entity key, per field key. */
export type DataMigration = Record<string, Record<string, FieldMigration>>;

/**
 * What to do with one field's stored values: `clear` drops them, `{ moveTo }` carries a removed
 * field's values into a field the draft adds (a renamed key), `keep` takes the change back, so
 * the field stays as published with its data.
 */
export type MigrationChoice = FieldMigration | 'keep';

/** A field of the draft that can take a removed field's values. */
export interface MoveTarget {
  key: string;
  label: string;
  /** What the prompt shows: the label, with the key where labels repeat. */
  caption: string;
}

/** One removed or retyped field that holds data. */
export interface AffectedField {
  field: string;
  label: string;
  change: 'removed' | 'retyped';
  from: string;
  to: string | null;
  /** How many records hold a value; null when the API did not say. */
  records: number | null;
  /** Where the values can move (empty for a retyped field, which keeps its key). */
  targets: MoveTarget[];
}

const COUNT = /holds data in (\d+) records?/;

/**
 * The fields of the entity that the API refused to publish because they hold data, with their
 * counts. The change itself (removed or retyped) comes from comparing the published version
 * with the draft, so that the prompt can say what is lost.
 */
export function affectedFields(
  errors: readonly ProblemEntry[],
  published: EntityDefinition,
  draft: EntityDefinition,
): AffectedField[] {
  const changes = new Map(destructiveFieldChanges(published, draft).map((c) => [c.fieldKey, c]));
  const out: AffectedField[] = [];
  for (const error of errors) {
    if (error.rule !== 'destructiveChange' || error.field === undefined) continue;
    if (error.key !== undefined && error.key !== draft.key) continue;
    const change = changes.get(error.field);
    if (!change || out.some((a) => a.field === error.field)) continue;
    const count = COUNT.exec(error.message)?.[1];
    out.push({
      field: change.fieldKey,
      label: published.fields.find((f) => f.key === change.fieldKey)?.label ?? change.fieldKey,
      change: change.change,
      from: change.from,
      to: change.to ?? null,
      records: count === undefined ? null : Number(count),
      targets: moveTargets(change.fieldKey, published, draft),
    });
  }
  return out;
}

/** Same type, and for a reference the same entity: the API moves values only between such fields. */
function sameKind(a: FieldDefinition, b: FieldDefinition): boolean {
  if (a.type === 'reference') return b.type === 'reference' && a.entity === b.entity;
  return a.type === b.type;
}

/**
 * The fields that can take the values of a field the draft removes: fields the published version
 * does not have, of the same kind, that are not derived (the API computes those). Enum options are
 * not compared: the API checks the stored values against the target's options and names the
 * misfits. A field the draft keeps has no targets.
 */
export function moveTargets(
  fieldKey: string,
  published: EntityDefinition,
  draft: EntityDefinition,
): MoveTarget[] {
  const from = published.fields.find((f) => f.key === fieldKey);
  if (!from || draft.fields.some((f) => f.key === fieldKey)) return [];
  const fields = draft.fields.filter(
    (f) => !published.fields.some((p) => p.key === f.key) && f.derive === undefined && sameKind(from, f),
  );
  // A renamed key often keeps its label: then the key tells the fields apart.
  const labels = [from.label, ...fields.map((f) => f.label)];
  const repeated = (label: string) => labels.filter((l) => l === label).length > 1;
  return fields.map((f) => ({
    key: f.key,
    label: f.label,
    caption: repeated(f.label) ? `${f.label} (${f.key})` : f.label,
  }));
}

/** "1 record", "3 records"; "some records" when the count is unknown. */
export function recordCount(n: number | null): string {
  return n === null ? 'some records' : `${n} record${n === 1 ? '' : 's'}`;
}

/** Records affected in all, when every count is known. */
export function totalRecords(fields: readonly AffectedField[]): number | null {
  let total = 0;
  for (const f of fields) {
    if (f.records === null) return null;
    total += f.records;
  }
  return total;
}

/** The `migration` of the publish request for the choices: the fields to clear or move. */
export function migrationFor(
  entityKey: string,
  choices: Readonly<Record<string, MigrationChoice>>,
): DataMigration | undefined {
  const migrate: [string, FieldMigration][] = [];
  for (const [field, choice] of Object.entries(choices))
    if (choice !== 'keep') migrate.push([field, choice === 'clear' ? choice : { moveTo: choice.moveTo }]);
  if (migrate.length === 0) return undefined;
  return { [entityKey]: Object.fromEntries(migrate) };
}

/** Why the choices cannot be published yet, naming the fields concerned. */
export interface IncompleteChoice {
  fields: string[];
  message: string;
}

/** "A", "A and B", "A, B and C". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * What is missing before the choices can be published: a choice for every field, a move only to
 * one of the field's targets, and no target taking the values of two fields. Null when complete.
 */
export function incompleteChoice(
  fields: readonly AffectedField[],
  choices: Readonly<Record<string, MigrationChoice>>,
): IncompleteChoice | null {
  const missing = fields.filter((f) => choices[f.field] === undefined);
  if (missing.length > 0)
    return {
      fields: missing.map((f) => f.field),
      message: `Choose what happens to the values of ${listed(missing.map((f) => f.label))}.`,
    };
  const byTarget = new Map<string, AffectedField[]>();
  for (const f of fields) {
    const choice = choices[f.field];
    if (typeof choice !== 'object') continue;
    if (!f.targets.some((t) => t.key === choice.moveTo))
      return {
        fields: [f.field],
        message: `The values of ${f.label} cannot move to ${choice.moveTo}: choose a new field of the same type.`,
      };
    byTarget.set(choice.moveTo, [...(byTarget.get(choice.moveTo) ?? []), f]);
  }
  for (const [target, sources] of byTarget) {
    if (sources.length < 2) continue;
    const label = sources[0]?.targets.find((t) => t.key === target)?.caption ?? target;
    return {
      fields: sources.map((f) => f.field),
      message: `${listed(sources.map((f) => f.label))} cannot both move to ${label}: choose another field for one of them, or clear its values.`,
    };
  }
  return null;
}

/**
 * The draft with the kept fields put back as published: a removed field returns at its old
 * position (and to its old group, when that group still exists and the field is in no other);
 * a retyped field takes its published definition again.
 */
export function restoreFields(
  draft: EntityDefinition,
  published: EntityDefinition,
  keep: readonly string[],
): EntityDefinition {
  let fields: FieldDefinition[] = [...draft.fields];
  const groups = (draft.fieldGroups ?? []).map((g) => ({ ...g, fields: [...g.fields] }));
  for (const key of keep) {
    const original = published.fields.find((f) => f.key === key);
    if (!original) continue;
    const at = fields.findIndex((f) => f.key === key);
    if (at >= 0) {
      fields = fields.map((f, i) => (i === at ? original : f));
      continue;
    }
    const before = published.fields.findIndex((f) => f.key === key);
    const anchor = published.fields
      .slice(0, before)
      .reverse()
      .find((f) => fields.some((x) => x.key === f.key));
    const insertAt = anchor ? fields.findIndex((f) => f.key === anchor.key) + 1 : 0;
    fields = [...fields.slice(0, insertAt), original, ...fields.slice(insertAt)];
    const home = published.fieldGroups?.find((g) => g.fields.includes(key));
    const target = home && groups.find((g) => g.key === home.key);
    if (target && !groups.some((g) => g.fields.includes(key))) target.fields.push(key);
  }
  const order = new Map(fields.map((f, i) => [f.key, i]));
  for (const g of groups) g.fields.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { ...draft, fields, ...(groups.length > 0 ? { fieldGroups: groups } : {}) };
}

/** What the prompt does once the analyst has chosen for every field. */
export type PromptOutcome =
  | { kind: 'publish'; entity: EntityDefinition; migration: DataMigration | undefined }
  | ({ kind: 'incomplete' } & IncompleteChoice);

/**
 * Resolves the prompt: every affected field needs a complete choice; kept fields are restored in
 * the draft, cleared and moved ones go into the migration. With every field kept, the publish
 * carries no destructive change any more and needs no migration.
 */
export function resolvePrompt(
  draft: EntityDefinition,
  published: EntityDefinition,
  fields: readonly AffectedField[],
  choices: Readonly<Record<string, MigrationChoice>>,
): PromptOutcome {
  const incomplete = incompleteChoice(fields, choices);
  if (incomplete) return { kind: 'incomplete', ...incomplete };
  const keep = fields.filter((f) => choices[f.field] === 'keep').map((f) => f.field);
  const relevant = Object.fromEntries(fields.map((f) => [f.field, choices[f.field] as MigrationChoice]));
  return {
    kind: 'publish',
    entity: keep.length > 0 ? restoreFields(draft, published, keep) : draft,
    migration: migrationFor(draft.key, relevant),
  };
}

/** What a publish did to one field's values, as the publish answer's `migrated` lists it. */
type MigratedField = NonNullable<PublishResult['migrated']>[number];

/**
 * What the published migration did, one sentence per field: "Cleared Fleet size in 3 records.",
 * "Moved Fleet size to Vehicle count in 3 records.", "Kept VAT ID as published.". The counts are
 * the publish answer's (records may have changed since the prompt); without it, the prompt's.
 */
export function migrationReport(
  fields: readonly AffectedField[],
  choices: Readonly<Record<string, MigrationChoice>>,
  migrated?: readonly MigratedField[],
): string[] {
  return fields.flatMap((f) => {
    const choice = choices[f.field];
    if (choice === undefined) return [];
    if (choice === 'keep') return [`Kept ${f.label} as published.`];
    const done = migrated?.find((m) => m.field === f.field);
    // A field no record held any more by the time of the publish is not in the answer.
    const records = migrated ? (done?.records ?? 0) : f.records;
    if (choice === 'clear') return [`Cleared ${f.label} in ${recordCount(records)}.`];
    const key = done?.to ?? choice.moveTo;
    const to = f.targets.find((t) => t.key === key)?.label ?? key;
    return [`Moved ${f.label} to ${to} in ${recordCount(records)}.`];
  });
}
