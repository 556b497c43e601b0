/**
 * `npm run bench:process`: process-engine overhead on one Temporal dev server. Stage transitions
 * through the API (POST …/process/move) against a bare update round trip on a trivial workflow,
 * transition throughput against a bare signal plus one activity, and record creates that start a
 * process against bare workflow starts. See docs/benchmarks.md.
 *
 * Knobs (environment): BENCH_LATENCY (100), BENCH_THROUGHPUT (200), BENCH_STARTS (100), BENCH_INFLIGHT (8).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
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
import { fmt, msSince, summarize, table } from './stats';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const LATENCY = int('BENCH_LATENCY', 100);
const THROUGHPUT = int('BENCH_THROUGHPUT', 200);
const STARTS = int('BENCH_STARTS', 100);
const INFLIGHT = int('BENCH_INFLIGHT', 8);
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const began = process.hrtime.bigint();
  // The process worker runs in a process of its own, as deployed (BENCH_WORKER_INPROCESS=1: in this
  // one, sharing its thread with the API and the load generator).
  const separateWorker = process.env.BENCH_WORKER_INPROCESS !== '1';
  const h = await startEngine({ inProcessWorker: !separateWorker });
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
      `process worker: ${separateWorker ? 'a process of its own' : 'in this process'}; API: in this process, real HTTP with a keep-alive bearer client`,
    );
    const rep = await h.agent('rep');
    const parties = await createParties(rep);
    // Measured requests: real HTTP to a listening server over a keep-alive connection with a bearer
    // token, as an integration would send them (supertest would start a server per request).
    const server = h.platform.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    stopServer = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    const { token } = await h.platform.services.tokens.create(h.t.users.rep.id, 'bench:process');
    const http = createHttpClient((server.address() as AddressInfo).port, INFLIGHT, token);
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
      `\n## 3. starts: ${STARTS} deal creates with process start vs bare workflow starts, ${INFLIGHT} in flight`,
    );
    const created: string[] = [];
    t = process.hrtime.bigint();
    await pooled(STARTS, INFLIGHT, async (i) => {
      const res = await http.request('POST', '/api/records/deal', {
        data: { name: `Bench start ${i}`, account: parties.account, contact: parties.contact },
      });
      if (res.status !== 201) throw new Error(`create deal: ${res.status} ${JSON.stringify(res.body)}`);
      created.push((res.body as { id: string }).id);
    });
    // A start counts once its workflow exists on the server.
    await pooled(created.length, INFLIGHT, async (i) => {
      const id = created[i] as string;
      while (!(await processStarted(h, id))) await sleep(10);
    });
    const apiStarts = STARTS / (msSince(t) / 1000);
    t = process.hrtime.bigint();
    const bareFlows: Awaited<ReturnType<typeof startBaseline>>[] = [];
    await pooled(STARTS, INFLIGHT, async (i) => {
      bareFlows.push(await startBaseline(`start-${i}`));
    });
    const bareStarts = STARTS / (msSince(t) / 1000);
    await pooled(bareFlows.length, INFLIGHT, async (i) => {
      await bareFlows[i]?.signal(finishSignal);
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
            'creates + starts / s',
            fmt(apiStarts),
            fmt(bareStarts),
            `${fmt(apiStarts / bareStarts, 2)}×`,
            '≥ 0.8× bare',
            verdict(apiStarts >= 0.8 * bareStarts),
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
