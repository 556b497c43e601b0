import type { ChildProcess } from 'node:child_process';

/** Keeps the last lines a child printed, for error messages when it dies during start-up. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 40) {}

  push(chunk: Buffer | string): void {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.limit) this.lines.shift();
    }
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

/** Sends SIGTERM, and SIGKILL if the child has not exited after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Children started detached (so that Ctrl-C reaches only us and we stop them in order) would
 * outlive a crashed parent; this kills them when our process exits without stopping them.
 */
export function killOnExit(child: ChildProcess): () => void {
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  return () => process.removeListener('exit', kill);
}
