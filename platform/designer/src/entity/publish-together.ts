// When publishing an entity is refused because other definitions (forms, mail templates,
// processes) would no longer fit it, the analyst adapts them as drafts and publishes everything in
// one atomic publish. This reads the refusal: which definitions stand in the way, and whether each
// has a draft that can go along.
import { isStoredKind, type ProblemEntry, type StoredKind } from '@crm/definitions';

export interface DependentDefinition {
  kind: StoredKind;
  key: string;
  /** A draft of it exists, so it can be published together with the entity. */
  drafted: boolean;
  messages: string[];
}

/** The other definitions named by a refusal's problems, each once, in the order named. */
export function dependentDefinitions(
  errors: readonly ProblemEntry[],
  self: { kind: StoredKind; key: string },
  drafted: Readonly<Record<StoredKind, ReadonlySet<string>>>,
): DependentDefinition[] {
  const found = new Map<string, DependentDefinition>();
  for (const e of errors) {
    if (!isStoredKind(e.kind) || e.key === undefined) continue;
    if (e.kind === self.kind && e.key === self.key) continue;
    const id = `${e.kind}:${e.key}`;
    const entry = found.get(id) ?? {
      kind: e.kind,
      key: e.key,
      drafted: drafted[e.kind].has(e.key),
      messages: [],
    };
    entry.messages.push(e.message);
    found.set(id, entry);
  }
  return [...found.values()];
}

/** Where the designer edits a definition (hash route). */
export function editorLink(d: { kind: StoredKind; key: string }): string | null {
  const key = encodeURIComponent(d.key);
  switch (d.kind) {
    case 'form':
      return `#/forms/${key}`;
    case 'mailTemplate':
      return `#/mail/${key}`;
    case 'process':
      return `#/process/${key}`;
    case 'entity':
      return `#/entities/${key}`;
    case 'role':
    case 'calendar':
      return null;
    default:
      throw new Error(`Unknown kind: ${String(d.kind)}`);
  }
}

const NOUN: Record<StoredKind, string> = {
  entity: 'Entity',
  form: 'Form',
  process: 'Process',
  mailTemplate: 'Mail template',
  role: 'Role',
  calendar: 'Calendar',
};

export function describeDefinition(d: { kind: StoredKind; key: string }): string {
  return `${NOUN[d.kind]} ${d.key}`;
}
