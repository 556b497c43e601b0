import type { Request } from 'express';
import { UnauthorizedError } from '../http/problems';
import type { Actor } from './actor';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
  }
}

export function actorOf(req: Request): Actor {
  if (!req.actor) throw new UnauthorizedError();
  return req.actor;
}
