// The contract between the api, the worker and the workflow code: names and payload types only,
// so that it can be imported from the workflow sandbox and from the api alike.

/** The task queue every platform worker polls. */
export const TASK_QUEUE = 'crm-processes';

/** Registered workflow type names (each is the exported function name in `workflows/index.ts`). */
export const WORKFLOW_NAMES = {
  healthCheck: 'healthCheck',
} as const;

export type WorkflowName = (typeof WORKFLOW_NAMES)[keyof typeof WORKFLOW_NAMES];

export interface HealthCheckResult {
  ok: true;
  /** Workflow time when it ran (ISO 8601): deterministic, recorded in history. */
  at: string;
  /** Which worker process executed the activity (`hostname:pid`). */
  worker: string;
}

/** Proves that a worker polls the task queue and can run both workflow and activity code. */
export type HealthCheckWorkflow = () => Promise<HealthCheckResult>;

/** Workflow id of a health-check run; unique per call so that runs never collide. */
export function healthCheckWorkflowId(suffix: string): string {
  return `health-check-${suffix}`;
}

/** The ports the process activities use; the api implements them. */
export type * from './process-ports';
