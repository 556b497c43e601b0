// CI entry point: `tsx platform/devservices/src/ensure-temporal-cli.ts` prints the CLI's path.
import { ensureTemporalCli } from './temporal-cli';

ensureTemporalCli({ log: (message) => console.error(message) }).then(
  (cliPath) => console.log(cliPath),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
