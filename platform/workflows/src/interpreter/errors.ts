/** Base of every error the interpreter throws; `code` lets the shell map it without parsing text. */
export class InterpreterError extends Error {
  constructor(
    readonly code: 'unknownNode' | 'brokenGraph' | 'automaticLoop' | 'invalidEvent' | 'invalidDuration',
    message: string,
  ) {
    super(message);
    this.name = 'InterpreterError';
  }
}

/** The definition references a node that does not exist. */
export class UnknownNodeError extends InterpreterError {
  constructor(readonly nodeId: string) {
    super('unknownNode', `The process has no node "${nodeId}".`);
    this.name = 'UnknownNodeError';
  }
}

/** The graph lacks an edge the semantics need (e.g. a decision without a default branch). */
export class BrokenGraphError extends InterpreterError {
  constructor(
    readonly nodeId: string,
    detail: string,
  ) {
    super('brokenGraph', `Node "${nodeId}": ${detail}`);
    this.name = 'BrokenGraphError';
  }
}

/**
 * A cycle of automatic nodes (decisions, actions, splits) was entered without reaching a node that
 * holds or waits: following it would never end.
 */
export class AutomaticLoopError extends InterpreterError {
  constructor(readonly cycle: string[]) {
    super(
      'automaticLoop',
      `The process loops through ${cycle.join(' → ')} without stopping at a stage or a wait.`,
    );
    this.name = 'AutomaticLoopError';
  }
}

/** An event that does not fit the instance (unknown timer, task, approval, or not running). */
export class InvalidEventError extends InterpreterError {
  constructor(message: string) {
    super('invalidEvent', message);
    this.name = 'InvalidEventError';
  }
}

/** A user action refused by its validator; `reasons` are the messages the UI shows. */
export class ActionRejectedError extends InterpreterError {
  constructor(readonly reasons: readonly { field?: string; rule: string; message: string }[]) {
    super('invalidEvent', reasons.map((reason) => reason.message).join(' '));
    this.name = 'ActionRejectedError';
  }
}
