// A process worker in a process of its own, so that the durability test can SIGKILL it: builds the
// platform's ports on the test database and runs the worker until it is killed. Configured by
// environment variables; prints "worker-ready" once it polls the task queue.
import { createPlatform, createProcessPorts } from '@crm/api';
import { TASK_QUEUE, createActivities } from '@crm/workflows';
import { runWorker, setWorkerLogLevel } from '@crm/workflows/worker';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  setWorkerLogLevel('WARN');
  const platform = await createPlatform({
    databaseUrl: required('ENGINE_DATABASE_URL'),
    sessionSecret: 'engine-worker-secret-engine-worker-secret',
    smtpUrl: required('ENGINE_SMTP_URL'),
    publicUrl: required('ENGINE_PUBLIC_URL'),
    logger: { info: () => undefined, warn: () => undefined, error: (m, meta) => console.error(m, meta) },
  });
  const worker = await runWorker({
    address: required('ENGINE_TEMPORAL_ADDRESS'),
    namespace: required('ENGINE_TEMPORAL_NAMESPACE'),
    taskQueue: TASK_QUEUE,
    identity: `engine-child:${process.pid}`,
    activities: createActivities({
      workerName: `engine-child:${process.pid}`,
      ports: createProcessPorts({ db: platform.db, services: platform.services }),
    }),
  });
  // SIGTERM (the test's teardown) lets running activities finish; SIGKILL is what the test is about.
  process.once('SIGTERM', () => {
    void worker.shutdown();
  });
  process.stdout.write('worker-ready\n');
  await worker.done;
  await platform.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
