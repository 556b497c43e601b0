// A file-backed Temporal dev server that the durability test can stop and start again on the same
// port and SQLite file, so that clients and workers find it where it was with its workflows.
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import { ensureTemporalCli, startTemporalDevServer, type TemporalService } from '@crm/devservices';
import type { TestTemporal } from '../support/temporal';

export interface RestartableTemporal extends TestTemporal {
  /** Stops the server process and starts it again on the same port and database file. */
  restart(downMs?: number): Promise<void>;
  /** Stops the server process (until `up`). */
  down(): Promise<void>;
  /** Starts the stopped server again on the same port and database file. */
  up(): Promise<void>;
}

export async function startRestartableTemporal(): Promise<RestartableTemporal> {
  const cliPath = await ensureTemporalCli({ log: () => undefined });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crm-engine-durable-'));
  const dbFilename = path.join(dir, 'temporal.db');
  let current: TemporalService = await startTemporalDevServer({ cliPath, headless: true, dbFilename });
  const port = Number(current.address.split(':').pop());
  const connection = await Connection.connect({ address: current.address });
  const client = new Client({ connection, namespace: current.namespace });
  // The address and namespace never change; `stop` always reaches the running process.
  const server: TemporalService = {
    address: current.address,
    namespace: current.namespace,
    uiUrl: undefined,
    source: 'dev-server',
    stop: () => current.stop(),
  };
  const down = () => current.stop();
  const up = async () => {
    current = await startTemporalDevServer({ cliPath, headless: true, dbFilename, port });
  };
  return {
    server,
    connection,
    client,
    async restart(downMs = 0) {
      await down();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await up();
    },
    down,
    up,
    async close() {
      await connection.close();
      await current.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
