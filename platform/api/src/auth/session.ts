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

/** How often an active session's expiry is pushed back in PostgreSQL (at most; 8 h sessions). */
const TOUCH_INTERVAL_MS = 60_000;
const TOUCH_MEMORY = 10_000;

function createSessionHandler(options: SessionOptions): RequestHandler {
  const PgStore = connectPgSimple(session);
  // express-session touches the store on every response (rolling sessions) and holds the response
  // until the UPDATE commits: once a minute per session is enough for an 8-hour expiry. The map only
  // skips writes, so another API instance (or a restart) just touches again.
  const touchedAt = new Map<string, number>();
  class ThrottledStore extends PgStore {
    override touch(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
      const now = Date.now();
      const last = touchedAt.get(sid);
      if (last !== undefined && now - last < TOUCH_INTERVAL_MS) {
        callback?.();
        return;
      }
      touchedAt.delete(sid);
      touchedAt.set(sid, now);
      if (touchedAt.size > TOUCH_MEMORY) touchedAt.delete(touchedAt.keys().next().value as string);
      super.touch(sid, sess, callback);
    }
  }
  return session({
    name: 'crm.sid',
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store: new ThrottledStore({
      pool: options.pool,
      tableName: 'sessions',
      createTableIfMissing: false,
      pruneSessionInterval: false,
    }),
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: 8 * 60 * 60 * 1000 },
  });
}
