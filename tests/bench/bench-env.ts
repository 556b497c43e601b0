import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { createPlatform, type Platform, type PublicUser } from '@crm/api';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createHttpClient, type HttpClient } from './http-client';

export const PASSWORD = 'bench password bench password';
const B2B_DIR = path.resolve(__dirname, '../../definitions/solutions/b2b-sales');

export interface BenchUser {
  user: PublicUser;
  token: string;
}

export interface BenchEnv {
  database: TestDatabase;
  platform: Platform;
  /** Port of the API that the measured requests go to. */
  port: number;
  /** Process id of that API (this process when it runs in-process). */
  apiPid: number;
  /** node-pg pool of the benchmark itself (raw baselines, seeding, EXPLAIN), separate from the API's. */
  pool: Pool;
  admin: BenchUser;
  rep: BenchUser;
  /** Extra reps that own the seeded records (realistic spread of owner_id). */
  owners: PublicUser[];
  /** A client of the API that the creates are measured against. */
  client(maxSockets: number, user: BenchUser): HttpClient;
  /** A client of the API in this process, whose SQL `captureQueries` can see. */
  inProcessClient(maxSockets: number, user: BenchUser): HttpClient;
  close(): Promise<void>;
}

const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta ?? ''),
};

/**
 * A fresh database with a random name, the platform in-process on an ephemeral loopback port, the
 * B2B solution imported (so its record indexes exist exactly as publish creates them), an admin,
 * a rep and `ownerCount` further reps, each client user with a bearer token.
 */
export async function createBenchEnv(ownerCount: number): Promise<BenchEnv> {
  const database = await createTestDatabase('crm_bench');
  const platform = await createPlatform({
    databaseUrl: database.url,
    sessionSecret: 'bench-session-secret-bench-session-secret',
    logger: quietLogger,
    loginRateLimit: 1000,
  });
  const server: Server = await new Promise((resolve) => {
    const s = platform.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 60_000;
  const port = (server.address() as AddressInfo).port;
  const { users, definitions } = platform.services;
  const create = (name: string, role: string) =>
    users.create({ email: `${name}@bench.example`, name, password: PASSWORD, role });
  const adminUser = await create('bench-admin', 'admin');
  const adminActor = await users.actorFor(adminUser.id);
  if (!adminActor) throw new Error('no actor for the bench admin');
  await definitions.importSolution(await loadSolutionFromDirectory(B2B_DIR), adminActor);
  const repUser = await create('bench-rep', 'rep');
  const owners: PublicUser[] = [];
  for (let i = 0; i < ownerCount; i += 1) owners.push(await create(`owner-${i}`, 'rep'));

  const pool = new Pool({ connectionString: database.url, max: 20 });
  const withToken = async (user: PublicUser): Promise<BenchUser> => ({
    user,
    token: await tokenViaHttp(port, user),
  });
  const admin = await withToken(adminUser);
  const rep = await withToken(repUser);
  // Measured requests go to an API process of their own unless BENCH_API_INPROCESS=1 (the client
  // and the server then share this process's one thread, which penalises the API side).
  const child = process.env.BENCH_API_INPROCESS === '1' ? undefined : await startApiChild(database.url);
  const apiPort = child?.port ?? port;
  return {
    database,
    platform,
    port: apiPort,
    apiPid: child?.pid ?? process.pid,
    pool,
    admin,
    rep,
    owners,
    client: (maxSockets, user) => createHttpClient(apiPort, maxSockets, user.token),
    inProcessClient: (maxSockets, user) => createHttpClient(port, maxSockets, user.token),
    async close() {
      await child?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await pool.end();
      await platform.close();
      if (process.env.BENCH_KEEP === '1') console.log(`BENCH_KEEP=1: database ${database.name} kept`);
      else await database.drop();
    },
  };
}

export interface ApiChild {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts tests/bench/api-server.child.ts on the database and waits for the port it listens on;
 * `env` passes the child's other settings (BENCH_TEMPORAL_* to start processes, BENCH_SMTP_URL).
 */
export async function startApiChild(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ApiChild> {
  // BENCH_API_NODE_FLAGS passes Node flags to the API process only, e.g. "--cpu-prof --cpu-prof-dir=prof".
  const flags = (process.env.BENCH_API_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', path.join(__dirname, 'api-server.child.ts')],
    {
      env: { ...process.env, ...env, BENCH_DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the API process did not start in 60 s')), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = /\{"port":(\d+)\}/.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API process exited (${code ?? 'signal'})`));
    });
  });
  return {
    port,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** POST /api/auth/login then POST /api/auth/tokens with the session cookie, as a script would. */
async function tokenViaHttp(port: number, user: PublicUser): Promise<string> {
  const call = (method: string, p: string, body: unknown, cookie?: string) =>
    new Promise<{ status: number; body: unknown; cookie?: string }>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: p,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(cookie ? { cookie } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0];
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown,
              ...(setCookie ? { cookie: setCookie } : {}),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const login = await call('POST', '/api/auth/login', { email: user.email, password: PASSWORD });
  if (login.status !== 200 || !login.cookie)
    throw new Error(`login of ${user.email} failed: ${login.status}`);
  const created = await call('POST', '/api/auth/tokens', { name: 'bench' }, login.cookie);
  const token = (created.body as { token?: unknown } | null)?.token;
  if (created.status !== 201 || typeof token !== 'string')
    throw new Error(`token creation failed: ${created.status}`);
  return token;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: string;
}

export async function machineInfo(pool: Pool): Promise<MachineInfo> {
  const version = await pool.query<{ version: string }>('SELECT version()');
  const settings = await pool.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem',
      'effective_cache_size', 'synchronous_commit', 'max_parallel_workers_per_gather', 'random_page_cost', 'jit')
     ORDER BY name`,
  );
  let osName = `${os.type()} ${os.release()}`;
  try {
    const release = await readFile('/etc/os-release', 'utf8');
    osName = /PRETTY_NAME="([^"]+)"/.exec(release)?.[1] ?? osName;
  } catch {
    // not every system has /etc/os-release; the kernel name is enough then
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName,
    node: process.version,
    postgres: version.rows[0]?.version ?? 'unknown',
    postgresSettings: settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', '),
  };
}
