// The answers of the record routes (/api/records/:entity…) and of the published definitions route.
import type { DefinitionKind } from '../validate/definition-error';

/** A record as the API returns it: system fields beside the definition-shaped `data`. */
export interface RecordView {
  id: string;
  entity: string;
  entityVersion: number;
  data: Record<string, unknown>;
  ownerId: string | null;
  stage: string | null;
  status: string;
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One page of a record list; `nextCursor` fetches the next one (null on the last page). */
export interface ListResult {
  items: RecordView[];
  nextCursor: string | null;
}

/** The operators of a list filter (`filter[field][op]=value`), also stored in saved views. */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains' | 'isSet';

/** One entry of an audit trail: who did what to which subject, with the subject before and after. */
export interface AuditEntry {
  id: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  entity: string | null;
  before: unknown;
  after: unknown;
  at: string;
}

/** One immutable published version of a definition, as GET /api/definitions/published lists them. */
export interface PublishedVersion<Content = Record<string, unknown>> {
  id: string;
  kind: Exclude<DefinitionKind, 'solution'>;
  key: string;
  version: number;
  contentHash: string;
  content: Content;
  publishedBy: string | null;
  publishedAt: string;
}
