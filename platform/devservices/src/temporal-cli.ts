import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from './repo-root';

/**
 * v1.5.1 is the newest temporal CLI whose go.mod has no `replace` directive, so `go install` can
 * build it straight from the module proxy.
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export interface EnsureTemporalCliOptions {
  log?: (message: string) => void;
  /** Folder `go install` writes into; `<repo>/.tools/bin` by default. */
  toolsBin?: string;
}

/**
 * Finds the temporal CLI — `TEMPORAL_CLI_PATH`, then `temporal` on PATH, then the project's own
 * `.tools/bin/temporal` — or builds it there with `go install` when none exists.
 */
export async function ensureTemporalCli(options: EnsureTemporalCliOptions = {}): Promise<string> {
  const log = options.log ?? ((message: string) => console.log(message));
  const toolsBin = options.toolsBin ?? path.join(findRepoRoot(), '.tools', 'bin');
  const found = findTemporalCli(toolsBin);
  if (found !== undefined) return found;
  const built = path.join(toolsBin, 'temporal');
  // Several test runs or `npm start`s on one machine must not each build it: one holds the lock,
  // the others wait for its binary.
  const lock = path.join(toolsBin, '.temporal-build.lock');
  mkdirSync(toolsBin, { recursive: true });
  if (!takeLock(lock)) {
    log(`Another process is building the temporal CLI into ${toolsBin}; waiting for it.`);
    while (existsSync(lock) && !isExecutable(built))
      await new Promise((resolve) => setTimeout(resolve, 2000));
    if (isExecutable(built)) return built;
    return ensureTemporalCli(options);
  }
  try {
    log(`Building the temporal CLI (${TEMPORAL_CLI_MODULE}) into ${toolsBin}: this takes ~6 minutes once.`);
    await run('go', ['install', TEMPORAL_CLI_MODULE], { ...process.env, GOBIN: toolsBin });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!isExecutable(built)) throw new Error(`go install finished but ${built} is missing`);
  log(`Built ${built}`);
  return built;
}

/** An exclusive lock as a directory (mkdir is atomic); a lock older than 30 minutes is stale. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > 30 * 60_000) {
        rmSync(lock, { recursive: true, force: true });
        mkdirSync(lock);
        return true;
      }
    } catch {
      // Someone else took or removed it meanwhile: wait as usual.
    }
    return false;
  }
}

export function findTemporalCli(toolsBin: string): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== ''),
    toolsBin,
  ].map((dir) => path.join(dir, 'temporal'));
  return candidates.find(isExecutable);
}

function isExecutable(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    child.once('error', (error) =>
      reject(new Error(`Could not run ${command}: ${error.message}. Install Go, or set TEMPORAL_CLI_PATH.`)),
    );
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal})`)),
    );
  });
}
