import type { RequestHandler } from 'express';
import { can, type Capability } from '../auth/actor';
import { actorOf } from '../auth/request-context';
import { ForbiddenError } from '../http/problems';

export function requireCapability(capability: Capability): RequestHandler {
  return (req, _res, next) => {
    const actor = actorOf(req);
    if (!can(actor, capability)) throw new ForbiddenError(`Your role "${actor.role}" lacks "${capability}".`);
    next();
  };
}

export function assertCapability(actor: Parameters<typeof can>[0], capability: Capability): void {
  if (!can(actor, capability)) throw new ForbiddenError(`Your role "${actor.role}" lacks "${capability}".`);
}
