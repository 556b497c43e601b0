// The API in a process of its own, as it is deployed, for the records benchmark: the load
// generator (HTTP client) then does not share its one Node thread with the server it measures. A
// second API instance on the benchmark's database (the API keeps no state in memory that another
// instance needs). With BENCH_TEMPORAL_ADDRESS (and _NAMESPACE, _TASK_QUEUE) it starts processes on
// that Temporal server, as the process benchmark needs; BENCH_SMTP_URL sets its SMTP server.
// Prints `{"port":N}` once it listens; SIGTERM stops it.
import type { AddressInfo } from 'node:net';
import { createPlatform } from '@crm/api';

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '') throw new Error('BENCH_DATABASE_URL is not set');
  const temporalAddress = process.env.BENCH_TEMPORAL_ADDRESS;
  const smtpUrl = process.env.BENCH_SMTP_URL;
  const platform = await createPlatform({
    databaseUrl,
    ...(temporalAddress === undefined || temporalAddress === ''
      ? {}
      : {
          temporal: {
            address: temporalAddress,
            namespace: process.env.BENCH_TEMPORAL_NAMESPACE ?? 'default',
            taskQueue: process.env.BENCH_TEMPORAL_TASK_QUEUE ?? 'crm-processes',
          },
        }),
    ...(smtpUrl === undefined || smtpUrl === '' ? {} : { smtpUrl }),
    sessionSecret: 'bench-session-secret-bench-session-secret',
    logger: {
      info: () => undefined,
      warn: () => undefined,
      error: (m, meta) => console.error(m, meta ?? ''),
    },
    loginRateLimit: 1000,
  });
  const server = platform.app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  server.keepAliveTimeout = 60_000;
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void platform.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
