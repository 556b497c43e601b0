import type { Express } from 'express';
import { Pool } from 'pg';
import { createApp, ProcessActionRejectedError, type ProcessGateway } from '@crm/api';
import type { TestPlatform } from '../support/test-platform';

/** The reasons every refusal carries: one field rule, one process rule. */
export const REASONS: ProcessActionRejectedError['reasons'] = [
  { field: 'budget', rule: 'required', message: 'Fill in the budget before moving on.' },
  { rule: 'checklist', message: 'Tick "Needs confirmed" first.' },
];

/**
 * A process engine whose validator refuses every user action — what the Temporal gateway throws
 * when the workflow's Update validator rejects — so the API's mapping of refusals can be checked.
 * Actions refused as forbidden: failed-step repair; everything else: a plain refusal.
 */
export class RefusingGateway implements ProcessGateway {
  private refuse(forbidden: boolean): Promise<never> {
    return Promise.reject(new ProcessActionRejectedError('The process refused.', REASONS, forbidden));
  }
  start = () => this.refuse(false);
  move = () => this.refuse(false);
  activityLogged = () => this.refuse(false);
  recordChanged = () => this.refuse(false);
  decideApproval = () => this.refuse(false);
  delegateApproval = () => this.refuse(true);
  completeTask = () => this.refuse(false);
  tickChecklist = () => this.refuse(false);
  state = () => Promise.resolve({ refusing: true });
  resolveFailedStep = () => this.refuse(true);
  instances = () => Promise.resolve([]);
  migrate = () => this.refuse(false);
}

/** The test platform's app built again with the refusing engine (and its own session pool). */
export function appWithRefusingEngine(t: TestPlatform): { app: Express; close(): Promise<void> } {
  const pool = new Pool({ connectionString: t.database.url, max: 2 });
  pool.on('error', () => undefined);
  const app = createApp({
    db: t.platform.db,
    pool,
    services: t.platform.services,
    sessionSecret: 'refusing-engine-session-secret-0123456789',
    cookieSecure: false,
    logger: { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) },
    loginRateLimit: 1000,
    openApi: () => Promise.reject(new Error('not used')),
    processGateway: new RefusingGateway(),
  });
  return { app, close: () => pool.end() };
}
