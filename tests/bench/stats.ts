import { readdirSync, readFileSync } from 'node:fs';

/** Latency summary of one measured query or request kind, in milliseconds. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile: the smallest sample that at least p % of the samples do not exceed. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

/** A plain-text table with right-aligned columns after the first (readable in a terminal and in Markdown). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Busy and total CPU jiffies of the whole machine (Linux /proc/stat), or undefined elsewhere. */
function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/**
 * Waits until the machine is quiet (under `threshold` of its CPU busy over a 250 ms window) or
 * `maxMs` passed, so that one measured round does not pay for the background work of the one
 * before (a worker catching up, the server's timers). One second's pause where /proc/stat is missing.
 */
export async function settle(threshold = 0.15, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const before = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, before === undefined ? 1000 : 250));
    const after = cpuTimes();
    if (before === undefined || after === undefined) return;
    const busy = (after.busy - before.busy) / Math.max(1, after.total - before.total);
    if (busy < threshold || Date.now() > deadline) return;
  }
}

/**
 * CPU time (ms, user + system) used so far by the processes of each named group: the pids given,
 * and `temporal` / `postgres` by process name. Linux only (/proc); undefined elsewhere.
 */
export function cpuByGroup(pids: Record<string, number | undefined>): Record<string, number> | undefined {
  const tick = 10; // USER_HZ is 100 on Linux: one jiffy is 10 ms.
  const out: Record<string, number> = { temporal: 0, postgres: 0 };
  for (const name of Object.keys(pids)) out[name] = 0;
  const byPid = new Map(Object.entries(pids).map(([name, pid]) => [pid, name]));
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = (Number(fields[11]) + Number(fields[12])) * tick;
    const group = byPid.get(Number(entry)) ?? (comm === 'temporal' || comm === 'postgres' ? comm : undefined);
    if (group !== undefined) out[group] = (out[group] ?? 0) + used;
  }
  return out;
}

/** `after - before` per group, divided by `per` (CPU ms per operation). */
export function cpuPerOp(
  before: Record<string, number> | undefined,
  after: Record<string, number> | undefined,
  per: number,
): Record<string, number> | undefined {
  if (before === undefined || after === undefined) return undefined;
  return Object.fromEntries(Object.keys(after).map((k) => [k, ((after[k] ?? 0) - (before[k] ?? 0)) / per]));
}
