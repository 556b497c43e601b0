import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../http/problems';
import type { TokensService } from './tokens.service';
import type { UsersService } from './users.service';
import './request-context';

/**
 * Resolves the actor from a bearer token or the session cookie. Every /api route except the public
 * ones (login, health, OpenAPI) requires one.
 */
export function authenticate(users: UsersService, tokens: TokensService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    let userId: string | undefined;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      userId = match?.[1] ? await tokens.resolve(match[1]) : undefined;
      if (!userId) throw new UnauthorizedError('The bearer token is not valid.');
    } else {
      userId = req.session?.userId;
    }
    if (!userId) throw new UnauthorizedError();
    const actor = await users.actorFor(userId);
    if (!actor) throw new UnauthorizedError('The account is not active.');
    req.actor = actor;
    next();
  };
}
