import path from 'node:path';

export interface CapturedQuery {
  text: string;
  values: unknown[];
}

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
interface ClientModule {
  Client: { prototype: { query: QueryFn } };
}

/**
 * node-postgres as loaded by the API's database layer: MikroORM may bring a nested copy of `pg`, so
 * the copy it resolves is patched as well as the one beside this benchmark.
 */
async function pgModules(): Promise<ClientModule[]> {
  const orm = path.dirname(require.resolve('@mikro-orm/postgresql'));
  const files = new Set([require.resolve('pg'), require.resolve('pg', { paths: [orm] })]);
  const loaded = await Promise.all(
    [...files].map((file) => import(file) as Promise<{ default: ClientModule }>),
  );
  return loaded.map((module) => module.default);
}

function asCaptured(args: unknown[]): CapturedQuery | undefined {
  const [first, second] = args;
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  if (typeof first === 'object' && first !== null && 'text' in first) {
    const config = first as { text: unknown; values?: unknown };
    if (typeof config.text === 'string')
      return { text: config.text, values: Array.isArray(config.values) ? config.values : [] };
  }
  return undefined;
}

/**
 * Records every statement that node-postgres sends while `work` runs. The API builds its SQL from
 * the published definitions; capturing it (instead of re-typing it here) keeps the raw-SQL
 * baselines and EXPLAIN plans of this benchmark identical to what the API really executes.
 * Only one request may run during a capture, so the statements are that request's.
 */
export async function captureQueries(work: () => Promise<void>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const restore = (await pgModules()).map(({ Client }) => {
    const original = Client.prototype.query;
    Client.prototype.query = function capture(this: unknown, ...args: unknown[]) {
      const query = asCaptured(args);
      if (query) captured.push(query);
      return original.apply(this, args);
    };
    return () => {
      Client.prototype.query = original;
    };
  });
  try {
    await work();
  } finally {
    restore.forEach((undo) => undo());
  }
  return captured;
}

/** Short, one-line label of a statement (for "what the API ran per request" lists). */
export function statementLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match =
    /^(select|insert into|update|delete from|begin|commit|rollback|savepoint|release)\b\s*(\S+)?/i.exec(flat);
  if (!match) return flat.slice(0, 40);
  const verb = (match[1] ?? '').toUpperCase();
  if (verb === 'SELECT') {
    const from = /\bfrom\s+([a-z_]+)/i.exec(flat);
    return `SELECT … FROM ${from?.[1] ?? '?'}`;
  }
  return match[2] && !['BEGIN', 'COMMIT', 'ROLLBACK'].includes(verb) ? `${verb} ${match[2]}` : verb;
}
