// What is stuck in the automation, for an administrator (GET /api/automation/problems), and what
// trying an owed start again came to (POST /api/automation/owed-starts/:id/retry).

/** The record a problem belongs to, with its title for the list. */
export interface ProblemRecord {
  id: string;
  entity: string;
  title: string;
}

/** A process start a record owes: the engine has not accepted it yet. */
export interface OwedStartView {
  /** What the retry route takes. */
  id: string;
  record: ProblemRecord;
  processKey: string;
  /** The published process's label; the key when it is no longer published. */
  processLabel: string;
  /** Failed tries so far (0: the first try has not come back yet). */
  attempts: number;
  /** The last failure with its causes ("Failed to start Workflow: 14 UNAVAILABLE: …"). */
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
}

/** A step parked on a failed side effect: the instance waits for a retry or a skip. */
export interface ParkedStepView {
  id: string;
  record: ProblemRecord;
  workflowId: string;
  processKey: string;
  processLabel: string;
  processVersion: number;
  /** The command's key: what the retry and skip routes take as their step. */
  stepKey: string;
  step: string;
  nodeId: string | null;
  error: string | null;
  at: string;
}

export interface AutomationProblems {
  /** Oldest first. */
  owedStarts: OwedStartView[];
  /** Newest first. */
  failedSteps: ParkedStepView[];
  /** True when a list was cut at its limit. */
  truncated: boolean;
}

/** What one try of an owed start came to; `error` says why it failed again or was dropped. */
export interface RetryOutcome {
  outcome: 'started' | 'dropped' | 'failed';
  error?: string;
}

/** A step of a running instance whose side effect failed after its retries (in the process state). */
export interface FailedStepView {
  /** The command's idempotency key (the step the retry and skip routes take). */
  key: string;
  type: string;
  nodeId?: string;
  error: string;
  /** Epoch milliseconds. */
  at: number;
}
