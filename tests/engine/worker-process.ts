// A process worker in a process of its own (tests/engine/worker-child.ts), as it is deployed: the
// durability test kills it, the process benchmark keeps it off the API's thread.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ENGINE_PUBLIC_URL, type EngineHarness } from './engine-harness';

const ROOT = path.resolve(__dirname, '../..');

/** Starts tests/engine/worker-child.ts in its own process and waits until it polls. */
export async function startChild(h: EngineHarness): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-child.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ENGINE_DATABASE_URL: h.t.database.url,
      ENGINE_SMTP_URL: h.smtp.url,
      ENGINE_PUBLIC_URL: ENGINE_PUBLIC_URL,
      ENGINE_TEMPORAL_ADDRESS: h.temporal.server.address,
      ENGINE_TEMPORAL_NAMESPACE: h.temporal.server.namespace,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${errors}`)), 90000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker-ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${String(code)}:\n${errors}`));
    });
  });
  return child;
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Ends the last worker gracefully: a kill in the middle of an SMTP transaction would reset it. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await exited;
  clearTimeout(timer);
}
