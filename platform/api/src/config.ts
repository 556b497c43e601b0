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
}

export interface StaticApp {
  path: string;
  dir: string;
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
}

export const consoleLogger: Logger = {
  info: (message, meta) => console.info(message, meta ?? ''),
  warn: (message, meta) => console.warn(message, meta ?? ''),
  error: (message, meta) => console.error(message, meta ?? ''),
};
