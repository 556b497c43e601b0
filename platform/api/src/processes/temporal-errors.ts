// How the Temporal client's failures reach an API caller: an engine out of reach is a 503 that says
// nothing was changed, a missing instance a 404, and a validator's or handler's refusal a typed error
// carrying the process's reasons (422, or 403 for someone who may not decide).
import {
  ApplicationFailure,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ACTION_FORBIDDEN, ACTION_REJECTED, type ActionRejectionReason } from '@crm/workflows/contract';
import { NotFoundError, ServiceUnavailableError } from '../http/problems';
import { ProcessActionRejectedError } from './process-gateway';

/** gRPC codes of an engine that cannot be reached or did not answer in time. */
const UNREACHABLE_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/** Whether an error (or one of its causes) says the engine could not be reached in time. */
export function unreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (isGrpcServiceError(e) && UNREACHABLE_CODES.has(e.code)) return true;
    e = e.cause;
  }
  return false;
}

/** An engine that could not be reached in time is the operator's outage, not a crash: 503. */
export function engineUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The process engine is not reachable right now; nothing was changed. Try again in a moment.',
  );
}

function isReasonList(value: unknown): value is ActionRejectionReason[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r) => typeof r === 'object' && r !== null && typeof (r as { message?: unknown }).message === 'string',
    )
  );
}

/** A validator's or handler's refusal becomes a typed error with the reasons; anything else is rethrown. */
export function mapUpdateError(error: unknown): never {
  if (unreachable(error)) throw engineUnavailable();
  if (error instanceof WorkflowNotFoundError)
    throw new NotFoundError('No process is running for this record.');
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (
    cause instanceof ApplicationFailure &&
    (cause.type === ACTION_REJECTED || cause.type === ACTION_FORBIDDEN)
  ) {
    const reasons = isReasonList(cause.details?.[0])
      ? cause.details[0]
      : [{ rule: 'rejected', message: cause.message }];
    throw new ProcessActionRejectedError(cause.message, reasons, cause.type === ACTION_FORBIDDEN);
  }
  throw error;
}
