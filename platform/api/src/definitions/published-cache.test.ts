import type { Db } from '../db/db';
import { createPublishedCache } from './published-cache';

/** A database double: `one` answers the fingerprint, `query` the latest versions. */
function fakeDb() {
  const state = { fingerprint: '1/t1', versions: [row('entity', 'deal', 1)], loads: 0, checks: 0 };
  const db: Db = {
    one: <T>() => {
      state.checks += 1;
      return Promise.resolve({ fp: state.fingerprint } as T);
    },
    query: <T>() => {
      state.loads += 1;
      return Promise.resolve(state.versions as T[]);
    },
    transaction: (work) => work(db),
    afterCommit: (work) => work(),
    independent: () => db,
  };
  return { db, state };
}

function row(kind: string, key: string, version: number) {
  return {
    id: `${key}-${version}`,
    kind,
    key,
    version,
    content_hash: `h${version}`,
    content: { key },
    published_by: null,
    published_at: '2026-01-01T00:00:00.000Z',
  };
}

describe('createPublishedCache', () => {
  it('serves from memory within the revalidation window and filters by kind', async () => {
    const { db, state } = fakeDb();
    let clock = 0;
    const cache = createPublishedCache(db, { revalidateMs: 1000, now: () => clock });
    expect((await cache.latestAll('entity')).map((v) => v.key)).toEqual(['deal']);
    clock = 999;
    expect(await cache.latestAll('process')).toEqual([]);
    expect(state).toMatchObject({ loads: 1, checks: 1 });
  });

  it('only checks the fingerprint when nothing was published elsewhere', async () => {
    const { db, state } = fakeDb();
    let clock = 0;
    const cache = createPublishedCache(db, { revalidateMs: 1000, now: () => clock });
    await cache.latestAll();
    clock = 1000;
    await cache.latestAll();
    expect(state).toMatchObject({ loads: 1, checks: 2 });
  });

  it('reloads when another instance published (the fingerprint moved)', async () => {
    const { db, state } = fakeDb();
    let clock = 0;
    const cache = createPublishedCache(db, { revalidateMs: 1000, now: () => clock });
    await cache.latestAll();
    state.fingerprint = '2/t2';
    state.versions = [row('entity', 'deal', 2)];
    clock = 1500;
    expect((await cache.latestAll('entity'))[0]?.version).toBe(2);
    expect(state.loads).toBe(2);
  });

  it('reloads at once after invalidate and shares one reload between concurrent callers', async () => {
    const { db, state } = fakeDb();
    const cache = createPublishedCache(db, { revalidateMs: 60_000, now: () => 0 });
    await cache.latestAll();
    state.fingerprint = '2/t2';
    state.versions = [row('entity', 'deal', 2)];
    cache.invalidate();
    const [a, b] = await Promise.all([cache.latestAll('entity'), cache.latestAll('entity')]);
    expect(a[0]?.version).toBe(2);
    expect(b[0]?.version).toBe(2);
    expect(state).toMatchObject({ loads: 2, checks: 2 });
  });
});
