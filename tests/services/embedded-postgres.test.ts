import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '@crm/devservices';

const run = promisify(execFile);

async function probe(dir: string): Promise<{ source: string; url: string; visits: number; db: string }> {
  const root = findRepoRoot();
  const { stdout, stderr } = await run(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'probes/embedded-postgres.probe.ts'), dir],
    { cwd: root, env: { ...process.env, DATABASE_URL: '' }, timeout: 90_000 },
  );
  const last = stdout.trim().split('\n').pop();
  if (last === undefined || last === '') throw new Error(`The probe printed nothing; stderr:\n${stderr}`);
  return JSON.parse(last);
}

describe('embedded PostgreSQL (no DATABASE_URL, no machine server)', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'crm-embedded-pg-'));
    // Running as root, PostgreSQL runs as the `postgres` user, which must reach its data folder.
    await chmod(parent, 0o755);
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('initialises a real server, creates the database, and keeps the data across restarts', async () => {
    const dir = path.join(parent, 'postgres');
    const first = await probe(dir);
    expect(first).toMatchObject({ source: 'embedded', db: 'probe', visits: 1 });
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/probe$/);
    const second = await probe(dir);
    expect(second).toMatchObject({ source: 'embedded', db: 'probe', visits: 2 });
  }, 120_000);
});
