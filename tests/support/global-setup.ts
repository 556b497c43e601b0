// Runs once before the integration suites: finds the temporal CLI, or builds it with `go install`
// on a fresh machine (minutes, once), outside any test's timeout; and builds the two web apps when
// their build is missing or stale, before any suite serves them. Suites run in parallel workers: a
// suite that built an app itself could empty its dist/ while another suite's browser loads from it.
import { ensureTemporalCli } from '@crm/devservices';
import { ensureBuilt } from './browser';

export default async function globalSetup(): Promise<void> {
  await ensureTemporalCli({ log: (message) => console.log(message) });
  for (const workspace of ['platform/runtime-ui', 'platform/designer']) ensureBuilt(workspace);
}
