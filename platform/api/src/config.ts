/** Minimal structured logger the platform writes to; console fits. */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** How often process starts that failed are retried, in ms (default 10 s; 0: only on demand). */
  startRetryEveryMs?: number;
  /** How long a process start may take before it is left to those retries, in ms (default 5 s). */
  startTimeoutMs?: number;
  /**
   * How long a user action or a look at a process may wait for the engine before the API answers
   * 503, in ms (default 15 s).
   */
  actionTimeoutMs?: number;
}

export interface StaticApp {
  path: string;
  dir: string;
  /** The app compiles code at run time (ajv validators): allow `'unsafe-eval'` on its pages only. */
  allowsScriptEval?: boolean;
}

export interface PlatformConfig {
  databaseUrl: string;
  sessionSecret: string;
  cookieSecure?: boolean;
  temporal?: TemporalConfig;
  staticApps?: StaticApp[];
  logger?: Logger;
  /** Login attempts allowed per IP and e-mail in a 15-minute window. */
  loginRateLimit?: number;
  /** SMTP relay for outgoing mail (`SMTP_URL`); without it mails are refused as not configured. */
  smtpUrl?: string;
  /** The From address of outgoing mail (`MAIL_FROM`), e.g. `CRM <crm@example.com>`. */
  mailFrom?: string;
  /**
   * Where users open the platform (`PUBLIC_URL`, e.g. `https://crm.example.com`): the base of the
   * links in mails (an approver's decision link). Without it mails carry no links.
   */
  publicUrl?: string;
}

export const consoleLogger: Logger = {
  info: (message, meta) => console.info(message, meta ?? ''),
  warn: (message, meta) => console.warn(message, meta ?? ''),
  error: (message, meta) => console.error(message, meta ?? ''),
};
