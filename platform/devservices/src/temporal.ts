import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { OutputTail, killOnExit, stopChild } from './child-process';
import { freePort, preferredOrFreePort } from './ports';
import { dataDir } from './repo-root';
import { ensureTemporalCli } from './temporal-cli';

export interface TemporalService {
  /** gRPC frontend, `host:port`. */
  address: string;
  namespace: string;
  /** Web UI of the dev server; undefined for an external cluster or a headless server. */
  uiUrl: string | undefined;
  source: 'env' | 'dev-server';
  stop(): Promise<void>;
}

export interface StartDevServerOptions {
  cliPath: string;
  /** SQLite file that keeps workflows across restarts; in memory when omitted. */
  dbFilename?: string;
  /** gRPC port; any free port when omitted. */
  port?: number;
  /** Web UI port; ignored when headless. */
  uiPort?: number;
  headless?: boolean;
  namespace?: string;
  startTimeoutMs?: number;
  /** Receives the server's own output (it runs with --log-level warn). */
  onOutput?: (line: string) => void;
}

const HOST = '127.0.0.1';

/** Starts `temporal server start-dev` and resolves once its frontend serves the namespace. */
export async function startTemporalDevServer(options: StartDevServerOptions): Promise<TemporalService> {
  const namespace = options.namespace ?? 'default';
  const port = options.port ?? (await freePort());
  const headless = options.headless ?? false;
  const uiPort = headless ? undefined : (options.uiPort ?? (await freePort()));
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port), '--log-level', 'warn'];
  if (options.dbFilename !== undefined) {
    mkdirSync(path.dirname(options.dbFilename), { recursive: true });
    args.push('--db-filename', options.dbFilename);
  }
  args.push(...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]));
  if (namespace !== 'default') args.push('--namespace', namespace);

  // Detached: Ctrl-C in a terminal then reaches only our process, which stops the worker first.
  const child = spawn(options.cliPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const forgetExitHook = killOnExit(child);
  const tail = new OutputTail();
  let stopping = false;
  const onData = (chunk: Buffer): void => {
    tail.push(chunk);
    // While it shuts down the server warns about every poller it closes: noise, not news.
    if (options.onOutput !== undefined && !stopping) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') options.onOutput(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const address = `${HOST}:${port}`;
  const stop = async (): Promise<void> => {
    stopping = true;
    await stopChild(child);
    forgetExitHook();
  };
  try {
    await waitUntilServing(address, namespace, child, tail, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const uiUrl = uiPort === undefined ? undefined : `http://${HOST}:${uiPort}`;
  return { address, namespace, uiUrl, source: 'dev-server', stop };
}

async function waitUntilServing(
  address: string,
  namespace: string,
  child: ReturnType<typeof spawn>,
  tail: OutputTail,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `temporal dev server exited (${child.exitCode ?? child.signalCode}):\n${tail.toString()}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(
    `temporal dev server did not serve ${address} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

export interface ResolveTemporalOptions {
  log?: (message: string) => void;
  namespace?: string;
}

/**
 * `TEMPORAL_ADDRESS` when set (any cluster, e.g. docker compose or Temporal Cloud); otherwise a
 * file-backed dev server under `.data/temporal`, so workflows survive restarts.
 */
export async function resolveTemporal(options: ResolveTemporalOptions = {}): Promise<TemporalService> {
  const log = options.log ?? (() => undefined);
  const namespace = options.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default';
  const envAddress = process.env.TEMPORAL_ADDRESS;
  if (envAddress !== undefined && envAddress !== '') {
    return {
      address: envAddress,
      namespace,
      uiUrl: process.env.TEMPORAL_UI_URL,
      source: 'env',
      stop: async () => undefined,
    };
  }
  const cliPath = await ensureTemporalCli({ log });
  log(`Starting the Temporal dev server (${cliPath})`);
  return startTemporalDevServer({
    cliPath,
    namespace,
    dbFilename: dataDir('temporal', 'temporal.db'),
    port: await preferredOrFreePort(7233),
    uiPort: await preferredOrFreePort(8233),
    onOutput: (line) => log(`[temporal] ${line}`),
  });
}
