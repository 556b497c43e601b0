// The merge fields a template of an entity may use, grouped as the picker shows them: the record's
// own fields, each related (reference) record's fields, and the owner. Every path listed here is one
// the shared template rules accept (`unknown-merge-field` never fires for a picked field).
import { OWNER_MERGE_FIELDS, type EntityDefinition } from '@crm/definitions';

export interface MergeField {
  /** What goes between the braces, e.g. "account.name". */
  path: string;
  label: string;
}

export interface MergeFieldGroup {
  /** "record", "owner", or the reference field's key. */
  key: string;
  label: string;
  fields: MergeField[];
}

const OWNER_LABELS: Record<(typeof OWNER_MERGE_FIELDS)[number], string> = {
  name: 'Name',
  email: 'E-mail',
};

export function mergeFieldCatalogue(
  entity: EntityDefinition,
  entities: readonly EntityDefinition[],
): MergeFieldGroup[] {
  const own: MergeField[] = [];
  for (const f of entity.fields) {
    own.push({ path: f.key, label: f.label });
    if (f.type === 'money')
      own.push(
        { path: `${f.key}.amount`, label: `${f.label} (amount only)` },
        { path: `${f.key}.currency`, label: `${f.label} (currency only)` },
      );
  }
  const groups: MergeFieldGroup[] = [{ key: 'record', label: entity.label, fields: own }];
  for (const f of entity.fields) {
    if (f.type !== 'reference') continue;
    const target = entities.find((e) => e.key === f.entity);
    if (!target) continue;
    groups.push({
      key: f.key,
      label: f.label === target.label ? f.label : `${f.label} (${target.label})`,
      fields: target.fields.map((tf) => ({ path: `${f.key}.${tf.key}`, label: `${f.label} › ${tf.label}` })),
    });
  }
  groups.push({
    key: 'owner',
    label: 'Owner',
    fields: OWNER_MERGE_FIELDS.map((k) => ({ path: `owner.${k}`, label: `Owner › ${OWNER_LABELS[k]}` })),
  });
  return groups;
}

/** Narrows the catalogue to the fields whose path or label contains the text. */
export function filterCatalogue(groups: readonly MergeFieldGroup[], text: string): MergeFieldGroup[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...groups];
  return groups
    .map((g) => ({
      ...g,
      fields: g.fields.filter(
        (f) => f.path.toLowerCase().includes(needle) || f.label.toLowerCase().includes(needle),
      ),
    }))
    .filter((g) => g.fields.length > 0);
}

export function mergeToken(path: string): string {
  return `{{${path}}}`;
}

/**
 * Inserts a token in place of the selection [start, end) of a text, and says where the caret goes
 * (right after the token). Out-of-range positions are clamped, so a stale selection appends.
 */
export function insertAtCursor(
  text: string,
  start: number,
  end: number,
  token: string,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}
