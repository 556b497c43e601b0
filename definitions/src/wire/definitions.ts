// The answers of the definition routes (/api/definitions/…, /api/solution/import): drafts, immutable
// published versions, publishing and the business-language diff between versions.
import type { DefinitionChange } from '../diff/diff.types';
import type { DefinitionKind } from '../validate/definition-error';
import type { ProblemEntry } from './problems';

/** The kinds kept as drafts and published versions; a solution is the set of them, never stored. */
export type StoredKind = Exclude<DefinitionKind, 'solution'>;

/**
 * Every stored kind, in the order they are listed. STORED_KINDS (the one runtime list, in
 * validate/definition-error.ts) satisfies it, and it is checked against StoredKind below, so a kind
 * cannot be added in one place only.
 */
export type StoredKindList = readonly ['entity', 'form', 'process', 'mailTemplate', 'role', 'calendar'];

// The tuple names every stored kind and nothing else: a kind added to DefinitionKind (or to the
// tuple) alone does not compile here.
type _None<T extends never> = T;
type _EveryStoredKindListed = _None<Exclude<StoredKind, StoredKindList[number]>>;
type _OnlyStoredKindsListed = _None<Exclude<StoredKindList[number], StoredKind>>;

/** One immutable published version of a definition, as GET /api/definitions/published lists them. */
export interface PublishedVersion<Content = Record<string, unknown>> {
  id: string;
  kind: StoredKind;
  key: string;
  version: number;
  contentHash: string;
  content: Content;
  publishedBy: string | null;
  publishedAt: string;
}

/** A published version without its content, as GET /api/definitions/:kind/:key/versions lists them. */
export type VersionMeta = Omit<PublishedVersion, 'content'>;

/** The working copy of a definition; it may be invalid until it is published. */
export interface Draft<Content = Record<string, unknown>> {
  kind: StoredKind;
  key: string;
  content: Content;
  updatedBy: string | null;
  updatedAt: string;
}

/** PUT /api/definitions/drafts/:kind/:key: the saved draft with its problems. */
export interface SavedDraft {
  draft: Draft;
  errors: ProblemEntry[];
}

/** One definition of a publish (POST /api/definitions/publish) or a solution import. */
export interface PublishResult {
  kind: StoredKind;
  key: string;
  version: number;
  contentHash: string;
  /** False when the content equals the latest version: no new version is made. */
  created: boolean;
  /** What a data migration did to stored values, per field: cleared them, or moved them to `to`. */
  migrated?: { field: string; action: 'clear' | 'move'; records: number; to?: string }[];
}

/** A version number, the latest published version, or the draft. */
export type VersionRef = number | 'latest' | 'draft';

/** GET /api/definitions/:kind/:key/diff: what changes from one version to another, in business terms. */
export interface DefinitionDiff {
  kind: StoredKind;
  key: string;
  from: VersionRef;
  to: VersionRef;
  changes: DefinitionChange[];
}
