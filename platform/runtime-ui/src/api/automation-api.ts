// Typed calls for an administrator's repair of stuck automation: owed process starts and steps
// parked on a failure.
import type { AutomationProblems, RetryOutcome } from '@crm/definitions';
import { request } from './client';

const enc = encodeURIComponent;

export const automationApi = {
  problems: () => request<AutomationProblems>('GET', '/api/automation/problems'),
  retryStart: (id: string) => request<RetryOutcome>('POST', `/api/automation/owed-starts/${enc(id)}/retry`),
  /** Runs a parked step again, or lets the process go on without it. */
  decideStep: (workflowId: string, stepKey: string, decision: 'retry' | 'skip') =>
    request<unknown>('POST', `/api/processes/instances/${enc(workflowId)}/steps/${enc(stepKey)}/${decision}`),
};
