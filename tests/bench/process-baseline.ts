import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { BaselineActivities } from './process-baseline.workflow';

export const BASELINE_QUEUE = 'bench-process-baseline';

export interface BaselineWorker {
  stop(): Promise<void>;
}

/** A worker of its own (own bundle, own task queue) that runs only the trivial baseline workflow. */
export async function startBaselineWorker(address: string, namespace: string): Promise<BaselineWorker> {
  const connection = await NativeConnection.connect({ address });
  const activities: BaselineActivities = { touch: (step) => Promise.resolve(step) };
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue: BASELINE_QUEUE,
    workflowsPath: require.resolve('./process-baseline.workflow'),
    activities,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export const baselineId = (label: string): string => `bench-baseline-${label}-${randomUUID()}`;

/** Runs `tasks` with at most `limit` in flight. */
export async function pooled(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  });
  await Promise.all(lanes);
}
