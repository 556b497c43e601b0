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
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const resolved = match?.[1] ? await tokens.resolveActor(match[1]) : { kind: 'invalid' as const };
      switch (resolved.kind) {
        case 'invalid':
          throw new UnauthorizedError('The bearer token is not valid.');
        case 'inactive':
          throw new UnauthorizedError('The account is not active.');
        case 'actor':
          req.actor = resolved.actor;
          next();
          return;
        default:
          throw new Error(`unknown token resolution ${String(resolved satisfies never)}`);
      }
    }
    const userId = req.session?.userId;
    if (!userId) throw new UnauthorizedError();
    const actor = await users.actorFor(userId);
    if (!actor) throw new UnauthorizedError('The account is not active.');
    req.actor = actor;
    next();
  };
}
