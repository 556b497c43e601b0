import { ConflictError, NotFoundError, ValidationError } from '../http/problems';

// Each refusal of the stage mirror is a class of its own: a workflow activity can list these
// names as non-retryable (retrying cannot fix them), and an HTTP caller gets a problem+json.

/** The input itself is malformed (not a uuid, an empty key, an invalid date). */
export class StageInputError extends ValidationError {
  constructor(field: string, message: string) {
    super('The stage change is not valid.', [{ field, rule: 'invalidInput', message }]);
  }
}

/** No published process with this key (or not this version of it). */
export class ProcessNotFoundError extends NotFoundError {
  constructor(
    readonly processKey: string,
    readonly processVersion?: number,
  ) {
    super(
      processVersion === undefined
        ? `There is no published process "${processKey}".`
        : `There is no version ${processVersion} of the process "${processKey}".`,
    );
  }
}

/** The record is missing or deleted. */
export class StageRecordNotFoundError extends NotFoundError {
  constructor(readonly recordId: string) {
    super(`No record ${recordId}.`);
  }
}

/** The node id names no node of the process version. */
export class UnknownNodeError extends ValidationError {
  constructor(
    processKey: string,
    version: number,
    readonly nodeId: string,
  ) {
    super(`The process "${processKey}" (version ${version}) has no node "${nodeId}".`, [
      { field: 'nodeId', nodeId, rule: 'unknownNode', message: `No node "${nodeId}" in this process.` },
    ]);
  }
}

/** Only stage and end nodes hold a record; decisions, approvals, waits and actions pass through. */
export class NotAStageNodeError extends ValidationError {
  constructor(
    readonly nodeId: string,
    readonly nodeType: string,
  ) {
    super(`The node "${nodeId}" is a ${nodeType} node; a record can only enter a stage or an end.`, [
      {
        field: 'nodeId',
        nodeId,
        rule: 'notAStage',
        message: `"${nodeId}" is a ${nodeType} node, not a stage or an end.`,
      },
    ]);
  }
}

/** The process guides records of another entity than the record's. */
export class ProcessEntityMismatchError extends ValidationError {
  constructor(processKey: string, processEntity: string, recordEntity: string) {
    super(`The process "${processKey}" is for ${processEntity} records; this record is a ${recordEntity}.`, [
      {
        field: 'processKey',
        rule: 'entityMismatch',
        message: `The process is for "${processEntity}", the record is a "${recordEntity}".`,
      },
    ]);
  }
}

/** A status the node cannot have: a stage is open (or closed), an end has its outcome (or closed). */
export class StageStatusMismatchError extends ValidationError {
  constructor(nodeId: string, status: string, allowed: readonly string[]) {
    super(`A record in "${nodeId}" cannot have the status "${status}".`, [
      {
        field: 'status',
        nodeId,
        rule: 'statusMismatch',
        message: `Allowed here: ${allowed.map((s) => `"${s}"`).join(', ')}.`,
      },
    ]);
  }
}

/** The idempotency key was already used for a different stage change. */
export class IdempotencyKeyReusedError extends ConflictError {
  constructor(readonly idempotencyKey: string) {
    super(`The idempotency key "${idempotencyKey}" already recorded a different stage change.`);
  }
}

/** Entering a stage before the record entered its current one would make a negative duration. */
export class StageTimeConflictError extends ConflictError {
  constructor(at: string, currentEnteredAt: string) {
    super(
      `The stage change at ${at} is earlier than the entry into the current stage (${currentEnteredAt}).`,
    );
  }
}
