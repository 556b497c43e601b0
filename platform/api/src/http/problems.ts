import type { ProblemEntry } from '@crm/definitions';

// The entry's type lives with the other wire types; the API's modules take it from here.
export type { ProblemEntry };

/**
 * Base class of every error the API maps to an RFC 9457 problem. Services throw these; one
 * handler turns them into problem+json, so no route decides status codes ad hoc.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: ProblemEntry[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get type(): string {
    return `https://crm.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export class BadRequestError extends ProblemError {
  constructor(detail: string, errors: ProblemEntry[] = []) {
    super(400, 'Bad request', detail, errors);
  }
}

export class ValidationError extends ProblemError {
  constructor(detail: string, errors: ProblemEntry[]) {
    super(422, 'Validation failed', detail, errors);
  }
}

export class UnauthorizedError extends ProblemError {
  constructor(detail = 'Authentication is required.') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends ProblemError {
  constructor(detail: string) {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends ProblemError {
  constructor(detail: string, errors: ProblemEntry[] = [], extra: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, errors, extra);
  }
}

export class PreconditionFailedError extends ProblemError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(412, 'Precondition failed', detail, [], extra);
  }
}

export class PayloadTooLargeError extends ProblemError {
  constructor(detail: string) {
    super(413, 'Payload too large', detail);
  }
}

export class TooManyRequestsError extends ProblemError {
  constructor(detail: string) {
    super(429, 'Too many requests', detail);
  }
}

export class ServiceUnavailableError extends ProblemError {
  constructor(detail: string) {
    super(503, 'Service unavailable', detail);
  }
}
