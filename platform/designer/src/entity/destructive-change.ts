// The logic of the "records affected" prompt: which removed or retyped fields hold data (the API
// refuses such a publish with the counts), what the analyst chose for each, and what to send next.
import {
  destructiveFieldChanges,
  type EntityDefinition,
  type FieldDefinition,
  type ProblemEntry,
} from '@crm/definitions';

/**
 * What to do with one field's stored values: `clear` drops them (the only data migration the API
 * offers), `keep` takes the change back, so the field stays as published with its data.
 */
export type MigrationChoice = 'clear' | 'keep';

/** One removed or retyped field that holds data. */
export interface AffectedField {
  field: string;
  label: string;
  change: 'removed' | 'retyped';
  from: string;
  to: string | null;
  /** How many records hold a value; null when the API did not say. */
  records: number | null;
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
    });
  }
  return out;
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

/** The `migration` of the publish request for the choices: only the fields to clear. */
export function migrationFor(
  entityKey: string,
  choices: Readonly<Record<string, MigrationChoice>>,
): Record<string, Record<string, 'clear'>> | undefined {
  const clear = Object.entries(choices).filter(([, c]) => c === 'clear');
  if (clear.length === 0) return undefined;
  return { [entityKey]: Object.fromEntries(clear.map(([field]) => [field, 'clear' as const])) };
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
  | {
      kind: 'publish';
      entity: EntityDefinition;
      migration: Record<string, Record<string, 'clear'>> | undefined;
    }
  | { kind: 'incomplete'; missing: string[] };

/**
 * Resolves the prompt: every affected field needs a choice; kept fields are restored in the
 * draft, cleared ones go into the migration. With every field kept, the publish carries no
 * destructive change any more and needs no migration.
 */
export function resolvePrompt(
  draft: EntityDefinition,
  published: EntityDefinition,
  fields: readonly AffectedField[],
  choices: Readonly<Record<string, MigrationChoice>>,
): PromptOutcome {
  const missing = fields.filter((f) => choices[f.field] === undefined).map((f) => f.field);
  if (missing.length > 0) return { kind: 'incomplete', missing };
  const keep = fields.filter((f) => choices[f.field] === 'keep').map((f) => f.field);
  const relevant = Object.fromEntries(fields.map((f) => [f.field, choices[f.field] as MigrationChoice]));
  return {
    kind: 'publish',
    entity: keep.length > 0 ? restoreFields(draft, published, keep) : draft,
    migration: migrationFor(draft.key, relevant),
  };
}
