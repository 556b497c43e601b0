import type { Me } from '@crm/definitions';
import { Router, type Request } from 'express';
import rateLimit, { ipKeyGenerator } from 'express-rate-limit';
import type { Db } from '../db/db';
import { TooManyRequestsError, UnauthorizedError } from '../http/problems';
import { requireObject, requireStrings, requireUuidParam } from '../http/validate';
import { PgRateLimitStore } from './rate-limit-store';
import { actorOf } from './request-context';
import { dummyPasswordHash, verifyPassword } from './passwords';
import type { TokensService } from './tokens.service';
import { toPublicUser, type UsersService } from './users.service';

export interface AuthRoutesDeps {
  db: Db;
  users: UsersService;
  tokens: TokensService;
  loginRateLimit: number;
}

function loginKey(req: Request): string {
  const body: unknown = req.body;
  const email =
    typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string'
      ? body.email
      : '';
  return `${ipKeyGenerator(req.ip ?? 'unknown')}|${email.toLowerCase()}`;
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => (error ? reject(error) : resolve())),
  );
}

/** Public login: rate limited per IP and e-mail; only failed attempts count. */
export function loginRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: deps.loginRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new PgRateLimitStore(deps.db, 'login:'),
    keyGenerator: loginKey,
    handler: (_req, _res, next) =>
      next(new TooManyRequestsError('Too many failed login attempts. Try again later.')),
  });

  router.post('/login', limiter, async (req, res) => {
    const { email, password } = requireStrings(requireObject(req.body), ['email', 'password']);
    const user = await deps.users.findByEmail(email);
    const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
    if (!user || !valid || !user.active) throw new UnauthorizedError('The e-mail or password is wrong.');
    // A fresh session id on login prevents session fixation.
    await regenerate(req);
    req.session.userId = user.id;
    res.json({ user: toPublicUser(user) });
  });

  return router;
}

/** Routes for the signed-in user: logout, profile, personal API tokens. */
export function sessionRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();

  router.post('/logout', (req, res, next) => {
    if (!req.session) {
      res.status(204).end();
      return;
    }
    req.session.destroy((error) => {
      if (error) {
        next(error);
        return;
      }
      res.clearCookie('crm.sid');
      res.status(204).end();
    });
  });

  router.get('/me', async (req, res) => {
    const actor = actorOf(req);
    const user = await deps.users.get(actor.id);
    res.json({
      user,
      role: actor.role,
      recordScope: actor.recordScope,
      capabilities: [...actor.capabilities].sort(),
    } satisfies Me);
  });

  router.get('/tokens', async (req, res) => {
    res.json({ items: await deps.tokens.list(actorOf(req).id) });
  });

  router.post('/tokens', async (req, res) => {
    const { name } = requireStrings(requireObject(req.body), ['name']);
    res.status(201).json(await deps.tokens.create(actorOf(req).id, name));
  });

  router.delete('/tokens/:id', async (req, res) => {
    await deps.tokens.revoke(actorOf(req).id, requireUuidParam(req.params.id, 'token'));
    res.status(204).end();
  });

  return router;
}
