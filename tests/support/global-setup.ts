// Runs once before the integration suites: finds the temporal CLI, or builds it with `go install`
// on a fresh machine (minutes, once), outside any test's timeout.
import { ensureTemporalCli } from '@crm/devservices';

export default async function globalSetup(): Promise<void> {
  await ensureTemporalCli({ log: (message) => console.log(message) });
}
