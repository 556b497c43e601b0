// The answers of the record routes (/api/records/:entity…).

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

/**
 * Every operator of a list filter, in the order the API names them. The API's own list must equal
 * this tuple (`satisfies FilterOpList`), so an operator cannot be added on one side only.
 */
export type FilterOpList = readonly ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'isSet'];

/** The operator of a list filter (`filter[field][op]=value`), also stored in saved views. */
export type FilterOp = FilterOpList[number];

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
