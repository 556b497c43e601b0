import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';

export interface SessionOptions {
  pool: Pool;
  secret: string;
  secure: boolean;
}

/**
 * Sessions live in PostgreSQL (the `sessions` table from the migrations), never in process memory.
 * A bearer request without a cookie skips the session machinery: it could not carry a session, and
 * express-session would otherwise mint (and hash) a throw-away session id on every API call. The
 * auth routes keep it, since login and logout work on the session whatever the headers say.
 */
export function sessionMiddleware(options: SessionOptions): RequestHandler {
  const handler = createSessionHandler(options);
  return (req, res, next) => {
    const bearerOnly = req.headers.authorization !== undefined && req.headers.cookie === undefined;
    if (bearerOnly && !req.path.startsWith('/auth/')) {
      next();
      return;
    }
    handler(req, res, next);
  };
}

function createSessionHandler(options: SessionOptions): RequestHandler {
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
