/**
 * `npm run bench:process`: process-engine overhead on one Temporal dev server. Stage transitions
 * through the API (POST …/process/move) against a bare update round trip on a trivial workflow,
 * transition throughput against a bare signal plus one activity, and record creates that start a
 * process against bare workflow starts. See docs/benchmarks.md.
 *
 * Knobs (environment): BENCH_LATENCY (100), BENCH_THROUGHPUT (200), BENCH_STARTS (200), BENCH_ROUNDS (4),
 * BENCH_INFLIGHT (8).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { sql } from 'kysely';
import { startEngine } from '../engine/engine-harness';
import { startChild, stop } from '../engine/worker-process';
import {
  advanceSignal,
  advanceUpdate,
  baselineWorkflow,
  finishSignal,
  processedQuery,
} from './process-baseline.workflow';
import { BASELINE_QUEUE, baselineId, pooled, startBaselineWorker } from './process-baseline';
import { createParties, dealInProposal, processStarted } from './process-setup';
import { createHttpClient } from './http-client';
import { startApiChild } from './bench-env';
import { TASK_QUEUE } from '@crm/workflows/contract';
import { cpuByGroup, cpuPerOp, fmt, median, msSince, settle, summarize, table } from './stats';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const LATENCY = int('BENCH_LATENCY', 100);
const THROUGHPUT = int('BENCH_THROUGHPUT', 200);
const STARTS = int('BENCH_STARTS', 200);
const ROUNDS = int('BENCH_ROUNDS', 4);
const INFLIGHT = int('BENCH_INFLIGHT', 8);
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const began = process.hrtime.bigint();
  // The process worker runs in a process of its own, as deployed (BENCH_WORKER_INPROCESS=1: in this
  // one, sharing its thread with the API and the load generator).
  const separateWorker = process.env.BENCH_WORKER_INPROCESS !== '1';
  const separateApi = process.env.BENCH_API_INPROCESS !== '1';
  // Temporal keeps its state in memory, as the engine tests run it; BENCH_TEMPORAL_FILE=1 keeps it
  // in a SQLite file, as `npm start` runs it (every write then waits for the disk).
  const persistent = process.env.BENCH_TEMPORAL_FILE === '1';
  const h = await startEngine({ inProcessWorker: !separateWorker, persistent });
  const worker = separateWorker ? await startChild(h) : undefined;
  const baseline = await startBaselineWorker(h.temporal.server.address, h.temporal.server.namespace);
  const client = h.temporal.client;
  let stopServer = async (): Promise<void> => undefined;
  const startBaseline = (label: string) =>
    client.workflow.start(baselineWorkflow, { taskQueue: BASELINE_QUEUE, workflowId: baselineId(label) });
  try {
    log(`# process benchmark  (${new Date().toISOString()})`);
    log(
      `machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    );
    log(
      `process worker: ${separateWorker ? 'a process of its own' : 'in this process'}; API: ${separateApi ? 'a process of its own' : 'in this process'}, real HTTP with a keep-alive bearer client`,
    );
    const rep = await h.agent('rep');
    const parties = await createParties(rep);
    // Measured requests: real HTTP to a listening server over a keep-alive connection with a bearer
    // token, as an integration would send them (supertest would start a server per request). The
    // API runs in a process of its own, as deployed (BENCH_API_INPROCESS=1: in this one, sharing
    // its thread with the load generator, the bare side's client and its worker).
    let port: number;
    let apiPid: number | undefined;
    if (separateApi) {
      const api = await startApiChild(h.t.database.url, {
        BENCH_TEMPORAL_ADDRESS: h.temporal.server.address,
        BENCH_TEMPORAL_NAMESPACE: h.temporal.server.namespace,
        BENCH_TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        BENCH_SMTP_URL: h.smtp.url,
      });
      port = api.port;
      apiPid = api.pid;
      stopServer = () => api.stop();
    } else {
      const server = h.platform.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      port = (server.address() as AddressInfo).port;
      stopServer = () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
    }
    const { token } = await h.platform.services.tokens.create(h.t.users.rep.id, 'bench:process');
    const http = createHttpClient(port, INFLIGHT, token);
    const move = async (id: string, to: string) => {
      const res = await http.request('POST', `/api/records/deal/${id}/process/move`, { to });
      if (res.status !== 200)
        throw new Error(`move ${id} → ${to}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const nextStage = (i: number) => (i % 2 === 0 ? 'negotiation' : 'proposal');

    log(`\n## 1. transition latency: ${LATENCY} sequential, API move and bare update alternating`);
    const latencyDeal = await dealInProposal(h, rep, parties, 'Bench latency deal');
    const latencyFlow = await startBaseline('latency');
    for (let i = 0; i < 5; i += 1) {
      await move(latencyDeal, nextStage(i));
      await latencyFlow.executeUpdate(advanceUpdate, { args: [i] });
    }
    const apiMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 5; i < LATENCY + 5; i += 1) {
      let t = process.hrtime.bigint();
      await move(latencyDeal, nextStage(i));
      apiMs.push(msSince(t));
      t = process.hrtime.bigint();
      await latencyFlow.executeUpdate(advanceUpdate, { args: [i] });
      bareMs.push(msSince(t));
    }
    const api = summarize(apiMs);
    const bare = summarize(bareMs);

    log(`\n## 2. throughput: ${THROUGHPUT} transitions, ${INFLIGHT} in flight`);
    const deals: string[] = [];
    for (let i = 0; i < INFLIGHT; i += 1)
      deals.push(await dealInProposal(h, rep, parties, `Bench tput ${i}`));
    const perLane = Math.ceil(THROUGHPUT / INFLIGHT);
    let t = process.hrtime.bigint();
    await Promise.all(
      deals.map(async (id) => {
        for (let i = 0; i < perLane; i += 1) await move(id, nextStage(i));
      }),
    );
    const apiTps = (perLane * INFLIGHT) / (msSince(t) / 1000);
    const flows = await Promise.all(deals.map((_, i) => startBaseline(`tput-${i}`)));
    t = process.hrtime.bigint();
    await Promise.all(
      flows.map(async (flow) => {
        for (let i = 0; i < perLane; i += 1) await flow.signal(advanceSignal, i);
        // The transition counts once its activity has run: wait for the workflow to catch up.
        while ((await flow.query(processedQuery)) < perLane) await sleep(5);
      }),
    );
    const bareTps = (perLane * INFLIGHT) / (msSince(t) / 1000);
    await Promise.all([latencyFlow, ...flows].map((flow) => flow.signal(finishSignal)));

    log(
      `\n## 3. starts: ${STARTS} deal creates with process start vs ${STARTS} bare workflow starts, ${INFLIGHT} in flight, in ${ROUNDS} alternating rounds`,
    );
    // A platform start counts once the create answered (the API answers after Temporal accepted the
    // start; every workflow's existence is checked after the clock stops), a bare start once
    // `workflow.start` returned. Before every round the previous one's work is drained (every deal
    // in its first stage), so neither side pays for the other's backlog; the sides take turns
    // going first. Two modes:
    // - start path: no workflow code runs during a round (the process worker is paused with
    //   SIGSTOP and resumed after the clock stops; bare workflows start on a task queue that no
    //   worker polls), so the rounds compare what a start costs the API and the server;
    // - with the workers running: the process worker runs the new instances meanwhile (their first
    //   step: stage, task, timers), the baseline worker its trivial workflows. On one 2-core
    //   machine this mostly measures the worker's share of the CPU.
    const hasStage = async (ids: readonly string[]): Promise<number> => {
      const row = await h.platform.db.one(
        sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM records WHERE id = ANY(${ids}::uuid[]) AND stage IS NOT NULL`,
      );
      return row?.n ?? 0;
    };
    const pausable = worker !== undefined;
    // Whose CPU a start costs (Linux): this process is the load generator and the bare side's client.
    const pids = { api: apiPid, worker: worker?.pid, bench: process.pid };
    type CpuSample = ReturnType<typeof cpuByGroup>;
    const bareIds: { id: string; queue: string }[] = [];
    const measureStarts = async (mode: 'startPath' | 'running') => {
      const paused = mode === 'startPath' && pausable;
      const cpu = { platform: {} as Record<string, number>, bare: {} as Record<string, number> };
      const addCpu = (side: 'platform' | 'bare', from: CpuSample, to: CpuSample) => {
        for (const [group, ms] of Object.entries(cpuPerOp(from, to, 1) ?? {}))
          cpu[side][group] = (cpu[side][group] ?? 0) + ms;
      };
      const platformRound = async (round: number, count: number): Promise<number> => {
        const created: string[] = [];
        if (paused) worker.kill('SIGSTOP');
        let elapsed: number;
        const from = cpuByGroup(pids);
        try {
          const started = process.hrtime.bigint();
          await pooled(count, INFLIGHT, async (i) => {
            const res = await http.request('POST', '/api/records/deal', {
              data: {
                name: `Bench start ${mode} ${round}.${i}`,
                account: parties.account,
                contact: parties.contact,
              },
            });
            if (res.status !== 201) throw new Error(`create deal: ${res.status} ${JSON.stringify(res.body)}`);
            created.push((res.body as { id: string }).id);
          });
          elapsed = msSince(started);
          if (round >= 0) addCpu('platform', from, cpuByGroup(pids));
        } finally {
          if (paused) worker.kill('SIGCONT');
        }
        for (const id of created)
          if (!(await processStarted(h, id))) throw new Error(`deal ${id}: no process was started`);
        while ((await hasStage(created)) < created.length) await sleep(10);
        await settle();
        return elapsed;
      };
      const queue = paused ? `${BASELINE_QUEUE}-unpolled` : BASELINE_QUEUE;
      const bareRound = async (round: number, count: number): Promise<number> => {
        const from = cpuByGroup(pids);
        const started = process.hrtime.bigint();
        await pooled(count, INFLIGHT, async (i) => {
          const workflowId = baselineId(`start-${mode}-${round}-${i}`);
          await client.workflow.start(baselineWorkflow, { taskQueue: queue, workflowId });
          bareIds.push({ id: workflowId, queue });
        });
        const elapsed = msSince(started);
        if (round >= 0) addCpu('bare', from, cpuByGroup(pids));
        await settle();
        return elapsed;
      };
      const perRound = Math.ceil(STARTS / ROUNDS);
      await platformRound(-1, INFLIGHT); // warm-up of both paths
      await bareRound(-1, INFLIGHT);
      const ratios: number[] = [];
      let platformMs = 0;
      let bareMs = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        let p: number;
        let b: number;
        if (round % 2 === 0) {
          p = await platformRound(round, perRound);
          b = await bareRound(round, perRound);
        } else {
          b = await bareRound(round, perRound);
          p = await platformRound(round, perRound);
        }
        platformMs += p;
        bareMs += b;
        ratios.push(b / p);
        log(
          `${mode} round ${round + 1}: platform ${fmt((perRound * 1000) / p)}/s, bare ${fmt((perRound * 1000) / b)}/s, ratio ${fmt(b / p, 2)}`,
        );
      }
      const perStart = (side: 'platform' | 'bare') =>
        Object.entries(cpu[side])
          .filter(([, ms]) => ms > 0)
          .map(([group, ms]) => `${group} ${fmt(ms / (perRound * ROUNDS), 2)}`)
          .join(', ');
      if (Object.keys(cpu.platform).length > 0)
        log(
          `${mode}: CPU ms per start while the clock ran: platform: ${perStart('platform')}; bare: ${perStart('bare')}`,
        );
      return {
        platform: (perRound * ROUNDS * 1000) / platformMs,
        bare: (perRound * ROUNDS * 1000) / bareMs,
        ratio: median(ratios),
      };
    };
    const startPath = await measureStarts('startPath');
    const running = await measureStarts('running');

    // What a start adds to the wait of the one who creates the record: sequential, alternating, both
    // workers running as in production (the latency view of the starts target).
    log(`\n## 4. start latency: ${LATENCY} sequential deal creates and bare starts, alternating`);
    const createMs: number[] = [];
    const bareStartMs: number[] = [];
    for (let i = -5; i < LATENCY; i += 1) {
      let started = process.hrtime.bigint();
      const res = await http.request('POST', '/api/records/deal', {
        data: { name: `Bench start latency ${i}`, account: parties.account, contact: parties.contact },
      });
      if (res.status !== 201) throw new Error(`create deal: ${res.status} ${JSON.stringify(res.body)}`);
      if (i >= 0) createMs.push(msSince(started));
      const workflowId = baselineId(`start-latency-${i}`);
      started = process.hrtime.bigint();
      await client.workflow.start(baselineWorkflow, { taskQueue: BASELINE_QUEUE, workflowId });
      if (i >= 0) bareStartMs.push(msSince(started));
      bareIds.push({ id: workflowId, queue: BASELINE_QUEUE });
    }
    const createLatency = summarize(createMs);
    const bareStartLatency = summarize(bareStartMs);
    // Bare workflows on the unpolled queue never ran: end them; the others finish by signal.
    await pooled(bareIds.length, INFLIGHT, async (i) => {
      const bare = bareIds[i] as { id: string; queue: string };
      const handle = client.workflow.getHandle(bare.id);
      if (bare.queue === BASELINE_QUEUE) await handle.signal(finishSignal);
      else await handle.terminate('benchmark start measured');
    });

    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    log('\n## Results');
    log(
      table(
        ['measure', 'platform', 'bare Temporal', 'ratio / delta', 'target', 'result'],
        [
          [
            'transition p50 (ms)',
            fmt(api.p50),
            fmt(bare.p50),
            `+${fmt(api.p50 - bare.p50)} ms`,
            '≤ bare + 15 ms',
            verdict(api.p50 <= bare.p50 + 15),
          ],
          [
            'transition p95 (ms)',
            fmt(api.p95),
            fmt(bare.p95),
            `${fmt(api.p95 / bare.p95, 2)}×`,
            '≤ 2× bare',
            verdict(api.p95 <= 2 * bare.p95),
          ],
          ['transition p99 (ms)', fmt(api.p99), fmt(bare.p99), `${fmt(api.p99 / bare.p99, 2)}×`, '—', '—'],
          [
            'transitions / s',
            fmt(apiTps),
            fmt(bareTps),
            `${fmt(apiTps / bareTps, 2)}×`,
            '≥ 0.5× baseline',
            verdict(apiTps >= 0.5 * bareTps),
          ],
          [
            `creates + starts / s, start path${pausable ? '' : ' (worker in process: not paused)'}`,
            fmt(startPath.platform),
            fmt(startPath.bare),
            `${fmt(startPath.ratio, 2)}× (all: ${fmt(startPath.platform / startPath.bare, 2)}×)`,
            '≥ 0.8× bare',
            verdict(startPath.ratio >= 0.8),
          ],
          [
            'create + start latency p50 (ms)',
            fmt(createLatency.p50),
            fmt(bareStartLatency.p50),
            `+${fmt(createLatency.p50 - bareStartLatency.p50)} ms`,
            '—',
            '—',
          ],
          [
            'create + start latency p95 (ms)',
            fmt(createLatency.p95),
            fmt(bareStartLatency.p95),
            `${fmt(createLatency.p95 / bareStartLatency.p95, 2)}×`,
            '—',
            '—',
          ],
          [
            'creates + starts / s, workers running',
            fmt(running.platform),
            fmt(running.bare),
            `${fmt(running.ratio, 2)}× (all: ${fmt(running.platform / running.bare, 2)}×)`,
            '—',
            '—',
          ],
        ],
      ),
    );
    log(`\nTotal ${fmt(msSince(began) / 1000, 0)} s`);
  } finally {
    if (worker !== undefined) await stop(worker);
    await stopServer();
    await baseline.stop();
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
