import os from 'node:os';

/**
 * What activities need from the outside world. Built by the composition root (start.ts, tests)
 * and passed to `createActivities`; later issues add the database, mail transport and clock here.
 */
export interface ActivityDeps {
  /** Name of this worker in health-check results; `hostname:pid` by default. */
  workerName?: string;
}

/** Builds the activities from their dependencies (no module-level state). */
export function createActivities(deps: ActivityDeps = {}) {
  const workerName = deps.workerName ?? `${os.hostname()}:${process.pid}`;
  return {
    async describeWorker(): Promise<string> {
      return workerName;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
