import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { HealthCheckResult } from '../contract';

const { describeWorker } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function healthCheck(): Promise<HealthCheckResult> {
  const worker = await describeWorker();
  // Date inside a workflow is the workflow clock: deterministic on replay.
  return { ok: true, at: new Date().toISOString(), worker };
}
