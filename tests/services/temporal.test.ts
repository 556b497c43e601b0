import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { TASK_QUEUE, WORKFLOW_NAMES, healthCheckWorkflowId, type HealthCheckWorkflow } from '@crm/workflows';
import { runWorker, setWorkerLogLevel, type WorkerHandle } from '@crm/workflows/worker';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

describe('Temporal dev server from the temporal CLI', () => {
  let temporal: TestTemporal;
  let worker: WorkerHandle;

  beforeAll(async () => {
    setWorkerLogLevel('WARN');
    temporal = await startTestTemporal();
    worker = await runWorker({
      address: temporal.server.address,
      namespace: temporal.server.namespace,
      maxCachedWorkflows: 10,
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.shutdown();
    await temporal?.close();
  });

  it('serves the default namespace on a 127.0.0.1 port', async () => {
    expect(temporal.server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const described = await temporal.connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(described.namespaceInfo?.name).toBe('default');
  });

  it('runs the health-check workflow on the crm-processes queue through the worker', async () => {
    const before = Date.now();
    const result = await temporal.client.workflow.execute<HealthCheckWorkflow>(WORKFLOW_NAMES.healthCheck, {
      taskQueue: TASK_QUEUE,
      workflowId: healthCheckWorkflowId(randomUUID()),
      workflowExecutionTimeout: '30 seconds',
    });
    expect(result.ok).toBe(true);
    expect(result.worker).toBe(`${hostname()}:${process.pid}`);
    const at = Date.parse(result.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(worker.taskQueue).toBe('crm-processes');
  });

  it('records the run in history as a completed health-check workflow', async () => {
    const workflowId = healthCheckWorkflowId(randomUUID());
    const handle = await temporal.client.workflow.start<HealthCheckWorkflow>(WORKFLOW_NAMES.healthCheck, {
      taskQueue: TASK_QUEUE,
      workflowId,
    });
    await handle.result();
    const description = await handle.describe();
    expect(description.type).toBe('healthCheck');
    expect(description.status.name).toBe('COMPLETED');
    const history = await handle.fetchHistory();
    const activityScheduled = history.events?.some(
      (event) => event.activityTaskScheduledEventAttributes != null,
    );
    expect(activityScheduled).toBe(true);
  });
});
