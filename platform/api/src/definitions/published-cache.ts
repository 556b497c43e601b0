import { sql } from 'kysely';
import type { Db } from '../db/db';
import {
  versionsRepository as repo,
  type DefinitionKind,
  type PublishedVersion,
} from './versions.repository';

export interface PublishedCacheOptions {
  /** How long a loaded set is trusted before the database is asked whether it changed. */
  revalidateMs?: number;
  now?: () => number;
}

interface Snapshot {
  fingerprint: string;
  versions: PublishedVersion[];
  checkedAt: number;
}

/**
 * The latest published version of every definition, held in memory. Published versions are
 * immutable and only ever appended, so the set is identified by (number of versions, newest
 * publish time): after `revalidateMs` one cheap aggregate tells whether another API instance
 * published meanwhile, and only then is the content reloaded. A publish through this instance
 * invalidates at once; one through another instance is seen within `revalidateMs`.
 */
export function createPublishedCache(root: Db, options: PublishedCacheOptions = {}) {
  // A load is shared by every caller: it never reads through one caller's open transaction.
  const db = root.independent();
  const revalidateMs = options.revalidateMs ?? 1000;
  const now = options.now ?? Date.now;
  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;
  // Bumped by invalidate(): a load that started before a publish must not store its older result.
  let generation = 0;

  async function fingerprint(): Promise<string> {
    const row = await db.one(sql<{ fp: string }>`
      SELECT count(*)::text || '/' || coalesce(max(published_at)::text, '') AS fp FROM definition_versions`);
    return row?.fp ?? '';
  }

  async function load(): Promise<Snapshot> {
    const started = generation;
    const fp = await fingerprint();
    const current = snapshot;
    const versions =
      current !== undefined && current.fingerprint === fp ? current.versions : await repo.latestAll(db);
    const next = { fingerprint: fp, versions, checkedAt: now() };
    if (started === generation) snapshot = next;
    return next;
  }

  async function fresh(): Promise<Snapshot> {
    if (snapshot !== undefined && now() - snapshot.checkedAt < revalidateMs) return snapshot;
    // Concurrent requests share one reload instead of each querying.
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  return {
    async latestAll(kind?: DefinitionKind): Promise<PublishedVersion[]> {
      const { versions } = await fresh();
      return kind === undefined ? [...versions] : versions.filter((v) => v.kind === kind);
    },

    invalidate(): void {
      generation += 1;
      snapshot = undefined;
      loading = undefined;
    },
  };
}

export type PublishedCache = ReturnType<typeof createPublishedCache>;
