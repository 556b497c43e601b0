import type { RequestHandler } from 'express';
import { BadRequestError } from './problems';

const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Finds the first reason a parsed JSON body is unsafe to hand to services, or undefined. */
export function unsafeBodyReason(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `The body is nested deeper than ${MAX_DEPTH} levels.`;
  if (Array.isArray(value)) {
    for (const item of value) {
      const reason = unsafeBodyReason(item, depth + 1);
      if (reason) return reason;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `The key "${key}" is not allowed.`;
      const reason = unsafeBodyReason((value as Record<string, unknown>)[key], depth + 1);
      if (reason) return reason;
    }
  }
  return undefined;
}

/** Rejects prototype-polluting keys and pathological nesting before any route sees the body. */
export function bodyGuard(): RequestHandler {
  return (req, _res, next) => {
    const reason = req.body === undefined ? undefined : unsafeBodyReason(req.body);
    if (reason) throw new BadRequestError(reason);
    next();
  };
}
