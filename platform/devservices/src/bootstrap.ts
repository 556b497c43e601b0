import { loadSolutionFromDirectory } from '@crm/definitions/node';
import type { Platform } from '@crm/api';
import { DEMO_USERS, demoAdmin, seedDemoRecords, seedDemoUsers, type DemoRecordsOptions } from './demo-data';

export { DEMO_USERS, seedDemoRecords, seedDemoUsers, type DemoRecordsOptions } from './demo-data';

export interface BootstrapResult {
  importedSolution: boolean;
  seededRecords: boolean;
}

/**
 * First start: demo users, then the shipped solution (only when nothing is published yet, so a
 * database that someone has modelled in is never overwritten), then demo records. Later starts
 * find the demo admin and leave everything as it is.
 */
export async function bootstrapDemo(
  platform: Platform,
  options: {
    solutionDir: string;
    password: string;
    log: (message: string) => void;
    records?: DemoRecordsOptions;
  },
): Promise<BootstrapResult> {
  const { services } = platform;
  const users = await seedDemoUsers(services, options.password);
  if (users.created) options.log(`Created ${users.ids.size} demo users`);
  const admin = await demoAdmin(services, users);

  let importedSolution = false;
  if ((await services.definitions.latestAll()).length === 0) {
    const solution = await loadSolutionFromDirectory(options.solutionDir);
    const published = await services.definitions.importSolution(solution, admin);
    options.log(
      `Imported the solution from ${options.solutionDir}: ${published.length} definitions published`,
    );
    importedSolution = true;
  }
  // Seeded when the demo's accounts are missing, so a first start that failed half-way (or a
  // database with users but no data) gets its demo records on the next start.
  const existing = await services.records
    .list(admin, 'account', { filters: [], limit: 1 })
    .catch(() => undefined);
  if (existing === undefined) {
    options.log(
      'No published "account" entity: demo records are for the B2B sales solution and were skipped',
    );
    return { importedSolution, seededRecords: false };
  }
  if (existing.items.length > 0) return { importedSolution, seededRecords: false };

  const seeded = await seedDemoRecords(services, users, { log: options.log, ...options.records });
  options.log(
    `Seeded ${seeded.accounts} accounts, ${seeded.contacts} contacts, ${seeded.deals} deals and ${seeded.activities} activities`,
  );
  return { importedSolution, seededRecords: true };
}

/** Logs in over HTTP with the first demo user, so that the printed credentials are known to work. */
export async function checkDemoLogin(
  baseUrl: string,
  password: string,
): Promise<{ ok: boolean; detail: string }> {
  const email = DEMO_USERS[0]?.email ?? '';
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { ok: response.ok, detail: `${response.status} ${response.statusText}` };
}
