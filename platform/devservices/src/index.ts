// The demo bootstrap loads the api and the definitions: import it from '@crm/devservices/bootstrap'
// so that code needing only the services (tests, CI scripts) stays light.
export {
  resolvePostgres,
  ensureDatabase,
  type PostgresService,
  type ResolvePostgresOptions,
} from './postgres';
export {
  resolveTemporal,
  startTemporalDevServer,
  type TemporalService,
  type StartDevServerOptions,
  type ResolveTemporalOptions,
} from './temporal';
export { ensureTemporalCli, findTemporalCli, TEMPORAL_CLI_MODULE } from './temporal-cli';
export { resolveSmtp, startSmtpServer, type SmtpService, type StartSmtpOptions } from './smtp';
export { Mailbox, type ReceivedMail } from './mailbox';
export { createMailboxRouter } from './mailbox.routes';
export { freePort, isPortFree, canConnect } from './ports';
export { findRepoRoot, dataDir } from './repo-root';
export { uiApps, type UiApp } from './static-apps';
