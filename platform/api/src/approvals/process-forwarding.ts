import { ProblemError, ServiceUnavailableError, ValidationError } from '../http/problems';
import { ProcessActionRejectedError, type ProcessGateway } from '../processes/process-gateway';

/** The gateway, or 503: without a process engine no user action on a process can be taken. */
export function requireGateway(gateway: ProcessGateway | undefined): ProcessGateway {
  if (!gateway)
    throw new ServiceUnavailableError(
      'The process engine is not configured, so this action cannot be taken now.',
    );
  return gateway;
}

/**
 * Sends a user action to the process. The workflow's validator is the final word: its refusal
 * comes back as 422 with the reasons, or 403 when the actor may not act at all.
 */
export async function forwardToProcess<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ProcessActionRejectedError)) throw error;
    const entries = error.reasons.map((reason) => ({
      rule: reason.rule,
      message: reason.message,
      ...(reason.field === undefined ? {} : { field: reason.field }),
    }));
    const forbidden = error.forbidden || error.reasons.some((reason) => reason.rule === 'notApprover');
    if (forbidden) throw new ProblemError(403, 'Forbidden', error.message, entries);
    throw new ValidationError(error.message, entries);
  }
}
