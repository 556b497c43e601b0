import type { ProblemDetails } from '@crm/definitions';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isPgError } from '../db/db';
import type { Logger } from '../config';
import { MailNotConfiguredError } from '../mail/mailer';
import { ProcessActionRejectedError } from '../processes/process-gateway';
import {
  BadRequestError,
  NotFoundError,
  PayloadTooLargeError,
  ProblemError,
  ServiceUnavailableError,
  ValidationError,
  type ProblemEntry,
} from './problems';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/** Errors raised by body-parser and friends carry a 4xx status: they are the client's mistake. */
function clientErrorOf(error: unknown): ProblemError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, type } = error as HttpishError;
  const code = status ?? statusCode;
  if (code === undefined || code < 400 || code >= 500) return undefined;
  if (type === 'entity.too.large') return new PayloadTooLargeError('The request body is too large.');
  if (type === 'entity.parse.failed') return new BadRequestError('The request body is not valid JSON.');
  const message = error instanceof Error ? error.message : 'The request is malformed.';
  return new ProblemError(code, 'Bad request', message);
}

/** Database errors that a client's input can cause (bad casts, out-of-range values). */
function pgClientError(error: unknown): ProblemError | undefined {
  if (!isPgError(error)) return undefined;
  // 22xxx = data exception (invalid text representation, numeric out of range, …)
  if (error.code.startsWith('22')) return new BadRequestError('A value in the request has the wrong form.');
  return undefined;
}

/**
 * A process refused a user action: its validator's reasons go to the client as they are. Mapped
 * here, not only in the routes that forward actions, so no route can turn a refusal into a 500.
 */
function processRejection(error: unknown): ProblemError | undefined {
  if (!(error instanceof ProcessActionRejectedError)) return undefined;
  const entries: ProblemEntry[] = error.reasons.map((reason) => ({
    ...(reason.field === undefined ? {} : { field: reason.field }),
    rule: reason.rule,
    message: reason.message,
  }));
  if (error.forbidden) return new ProblemError(403, 'Forbidden', error.message, entries);
  return new ValidationError(error.message, entries);
}

/** Missing platform configuration is the operator's problem, not a crash: 503, nothing to log. */
function unavailable(error: unknown): ProblemError | undefined {
  if (error instanceof MailNotConfiguredError) return new ServiceUnavailableError(error.message);
  return undefined;
}

export function sendProblem(
  res: Parameters<RequestHandler>[1],
  problem: ProblemError,
  instance: string,
): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance,
      ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
      ...problem.extra,
    } satisfies ProblemDetails);
}

export function notFoundHandler(): RequestHandler {
  return (req, res) =>
    sendProblem(res, new NotFoundError(`No route ${req.method} ${req.path}.`), req.originalUrl);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem =
      error instanceof ProblemError
        ? error
        : (clientErrorOf(error) ?? pgClientError(error) ?? processRejection(error) ?? unavailable(error));
    if (problem) {
      sendProblem(res, problem, req.originalUrl);
      return;
    }
    logger.error('unhandled error', { error, method: req.method, path: req.originalUrl });
    sendProblem(
      res,
      new ProblemError(500, 'Internal server error', 'An unexpected error occurred.'),
      req.originalUrl,
    );
  };
}
