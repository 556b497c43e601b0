// The API's error answers: RFC 9457 problem details (`application/problem+json`), built in one
// place by the API's error handler and read by the apps' HTTP client.

/** One failing field or rule inside a problem. */
export interface ProblemEntry {
  field?: string;
  /** JSON Pointer into the request body or the definition (e.g. "/nodes/3/label"). */
  pointer?: string;
  rule: string;
  message: string;
  /** Where a definition rule failed: the definition and, for processes, the node or edge. */
  kind?: string;
  key?: string;
  nodeId?: string;
  edgeId?: string;
}

/**
 * The body of every error answer. Some problems carry further members of their own (a stale write's
 * `currentVersion`, a unique conflict's `existingRecordId`, a refused publish's `affectedRecords`…).
 */
export interface ProblemDetails {
  /** A URI naming the kind of problem (https://crm.dev/problems/…). */
  type: string;
  title: string;
  status: number;
  /** What went wrong, for the user to read. */
  detail: string;
  /** The request's path. */
  instance: string;
  /** Present when the problem has entries. */
  errors?: ProblemEntry[];
  [member: string]: unknown;
}
