import type { Express } from 'express';

/** The slice of Express 5 / router 2 internals that the inventory reads (they are not typed publicly). */
interface StackLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: unknown };
}

function stackOf(value: unknown): StackLayer[] | undefined {
  if ((typeof value !== 'function' && typeof value !== 'object') || value === null) return undefined;
  const stack = (value as { stack?: unknown }).stack;
  return Array.isArray(stack) ? (stack as StackLayer[]) : undefined;
}

function joinPath(prefix: string, path: unknown): string {
  if (typeof path !== 'string') throw new Error(`route path ${String(path)} is not a string`);
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function walk(stack: StackLayer[], prefix: string, out: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = joinPath(prefix, layer.route.path);
      for (const [method, enabled] of Object.entries(layer.route.methods))
        if (enabled && method !== '_all') out.add(`${method.toUpperCase()} ${path}`);
      continue;
    }
    const nested = stackOf(layer.handle);
    const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
    if (nested) walk(nested, joinPath(prefix, mount), out);
    // A middleware mounted on a sub-path (static files, Swagger UI) answers requests by itself.
    else if (mount !== '/') out.add(`USE ${joinPath(prefix, mount)}`);
  }
}

/**
 * Every route the app registers, as `METHOD /path/:param` (mounted middlewares as `USE /path`),
 * read from the Express router stack so a new route shows up without anyone listing it.
 */
export function listRoutes(app: Express): string[] {
  const stack = stackOf((app as unknown as { router?: unknown }).router);
  if (!stack) throw new Error('the app has no router stack (is this Express 5?)');
  const out = new Set<string>();
  walk(stack, '', out);
  return [...out].sort();
}

/** The operations of an OpenAPI document as `METHOD /path/:param`, with entity paths generalised. */
export function openApiOperations(doc: unknown, entityKeys: readonly string[]): string[] {
  const paths = (doc as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  const entities = new Set(entityKeys);
  const out = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    const generic = path
      .split('/')
      .map((part, i, parts) => (parts[i - 1] === 'records' && entities.has(part) ? ':entity' : part))
      .join('/')
      .replace(/\{([^}]+)\}/g, ':$1');
    for (const method of Object.keys(item))
      if (['get', 'put', 'post', 'patch', 'delete'].includes(method))
        out.add(`${method.toUpperCase()} ${generic}`);
  }
  return [...out].sort();
}
