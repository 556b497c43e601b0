import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';

export interface SessionOptions {
  pool: Pool;
  secret: string;
  secure: boolean;
}

/** Sessions live in PostgreSQL (the `sessions` table from the migrations), never in process memory. */
export function sessionMiddleware(options: SessionOptions): RequestHandler {
  const PgStore = connectPgSimple(session);
  return session({
    name: 'crm.sid',
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store: new PgStore({
      pool: options.pool,
      tableName: 'sessions',
      createTableIfMissing: false,
      pruneSessionInterval: false,
    }),
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: 8 * 60 * 60 * 1000 },
  });
}
