import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import { ensureTemporalCli, startTemporalDevServer, type TemporalService } from '@crm/devservices';

export interface TestTemporal {
  server: TemporalService;
  connection: Connection;
  client: Client;
  /** Closes the client connection, stops the server and removes its temporary files. */
  close(): Promise<void>;
}

export interface TestTemporalOptions {
  /** Keep state in a SQLite file in a temp folder (for tests that restart the server); in memory otherwise. */
  persistent?: boolean;
}

/**
 * One real Temporal dev server per test file, on free ports and headless. Call it in `beforeAll`
 * and `close()` it in `afterAll`; the CLI is found or built by the same code as `npm start`.
 */
export async function startTestTemporal(options: TestTemporalOptions = {}): Promise<TestTemporal> {
  const cliPath = await ensureTemporalCli({ log: (message) => console.log(message) });
  const tempDir =
    options.persistent === true ? await mkdtemp(path.join(os.tmpdir(), 'crm-temporal-')) : undefined;
  const server = await startTemporalDevServer({
    cliPath,
    headless: true,
    ...(tempDir === undefined ? {} : { dbFilename: path.join(tempDir, 'temporal.db') }),
  });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: server.namespace });
  return {
    server,
    connection,
    client,
    close: async () => {
      await connection.close();
      await server.stop();
      if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
