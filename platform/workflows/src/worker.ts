import path from 'node:path';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type LogLevel,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities, type Activities } from './activities';
import { TASK_QUEUE } from './contract';

export interface WorkerOptions {
  /** Temporal frontend, `host:port`. */
  address: string;
  namespace?: string;
  taskQueue?: string;
  /** Activities to register; `createActivities()` with default dependencies when omitted. */
  activities?: Activities;
  /** Bounds the sticky workflow cache, which otherwise can grow until the process runs out of memory. */
  maxCachedWorkflows?: number;
  identity?: string;
}

export interface WorkerHandle {
  taskQueue: string;
  /** Resolves when the worker stopped; rejects if it failed. */
  done: Promise<void>;
  /** Stops polling, lets running tasks finish, and closes the connection. */
  shutdown(): Promise<void>;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * Bundling the workflow code takes seconds, so it happens once per process and every worker
 * created afterwards reuses the bundle.
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'workflows'),
    logger: quietBundlerLogger,
  }).catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/**
 * Sets the SDK's process-wide log level (INFO logs every worker state change). The Temporal
 * runtime is a per-process singleton: this only takes effect before the first worker or
 * connection is created, and returns false when it was too late.
 */
export function setWorkerLogLevel(level: LogLevel): boolean {
  if (Runtime._instance !== undefined) return false;
  Runtime.install({ logger: new DefaultLogger(level) });
  return true;
}

export async function createWorker(
  options: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: options.namespace ?? 'default',
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      workflowBundle: await workflowBundle(),
      activities: options.activities ?? createActivities(),
      maxCachedWorkflows: options.maxCachedWorkflows ?? 500,
      ...(options.identity === undefined ? {} : { identity: options.identity }),
    });
    return { worker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Creates a worker and runs it in the background until `shutdown()`. */
export async function runWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const { worker, connection } = await createWorker(options);
  const done = worker.run().finally(() => connection.close());
  return {
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    done,
    shutdown: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
