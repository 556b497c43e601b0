// The platform's Db seam on real PostgreSQL: a transaction is ambient to the root handle (services
// built over it join it and roll back with it), `independent()` never joins one, and a handle whose
// transaction has ended is no longer joined by late work.
import { sql } from 'kysely';
import { createTestPlatform, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform({ importSolution: false });
  await t.platform.db.query(sql`CREATE TABLE db_seam_probe (id int PRIMARY KEY, note text)`);
});

afterAll(async () => {
  await t.close();
});

beforeEach(async () => {
  await t.platform.db.query(sql`DELETE FROM db_seam_probe`);
});

const count = async (): Promise<number> => {
  const row = await t.platform.db.one(sql<{ n: number }>`SELECT count(*)::int AS n FROM db_seam_probe`);
  return row?.n ?? -1;
};
const backendPid = async (db = t.platform.db): Promise<number> =>
  (await db.one(sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`))?.pid ?? -1;

it('runs calls on the root handle inside a transaction on the transaction, so they roll back with it', async () => {
  const root = t.platform.db;
  await expect(
    root.transaction(async (tx) => {
      await tx.query(sql`INSERT INTO db_seam_probe VALUES (1, 'through the transaction')`);
      // A service built over the root handle, called from inside the unit of work.
      await root.query(sql`INSERT INTO db_seam_probe VALUES (2, 'through the root handle')`);
      expect(await backendPid(root)).toBe(await backendPid(tx));
      // It sees the transaction's own uncommitted rows.
      expect((await root.one(sql<{ n: number }>`SELECT count(*)::int AS n FROM db_seam_probe`))?.n).toBe(2);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect(await count()).toBe(0);
});

it('nests a transaction begun on the root handle inside the ambient one, committing once', async () => {
  const root = t.platform.db;
  await root.transaction(async (tx) => {
    await root.transaction(async (inner) => {
      expect(await backendPid(inner)).toBe(await backendPid(tx));
      await inner.query(sql`INSERT INTO db_seam_probe VALUES (1, 'inner')`);
    });
    // Not committed yet: a handle outside the transaction does not see it.
    const outside = await root
      .independent()
      .one(sql<{ n: number }>`SELECT count(*)::int AS n FROM db_seam_probe`);
    expect(outside?.n).toBe(0);
  });
  expect(await count()).toBe(1);
});

it('gives independent() its own connection, which never joins the ambient transaction', async () => {
  const root = t.platform.db;
  await root.transaction(async (tx) => {
    await tx.query(sql`INSERT INTO db_seam_probe VALUES (1, 'uncommitted')`);
    const independent = root.independent();
    expect(await backendPid(independent)).not.toBe(await backendPid(tx));
    await independent.transaction(async (own) => {
      expect(await backendPid(own)).not.toBe(await backendPid(tx));
    });
  });
  await expect(t.platform.db.transaction(async (tx) => Promise.resolve(tx.independent()))).rejects.toThrow(
    'independent() is for the root handle',
  );
});

it('does not hand a finished transaction to work that outlives it', async () => {
  const root = t.platform.db;
  let late: Promise<number> | undefined;
  let txPid = -1;
  await root.transaction(async (tx) => {
    txPid = await backendPid(tx);
    // Fire-and-forget work started inside the unit of work, running after it committed.
    late = new Promise<void>((resolve) => setTimeout(resolve, 50)).then(async () => {
      await root.query(sql`INSERT INTO db_seam_probe VALUES (7, 'after the commit')`);
      return backendPid(root);
    });
  });
  expect(txPid).toBeGreaterThan(0);
  await expect(late).resolves.toEqual(expect.any(Number));
  expect(await count()).toBe(1);
});

it('runs afterCommit work once the joined transaction committed, never after a rollback', async () => {
  const root = t.platform.db;
  const seen: string[] = [];
  await root.transaction(async (tx) => {
    await tx.query(sql`INSERT INTO db_seam_probe VALUES (1, 'committed')`);
    // Registered through the root handle, as a port inside the unit of work would.
    await root.afterCommit(async () => {
      // The row is committed: another connection sees it.
      const row = await root
        .independent()
        .one(sql<{ n: number }>`SELECT count(*)::int AS n FROM db_seam_probe`);
      seen.push(`after commit, ${row?.n} row`);
    });
    seen.push('in the transaction');
  });
  expect(seen).toEqual(['in the transaction', 'after commit, 1 row']);

  await expect(
    root.transaction(async () => {
      await root.afterCommit(async () => {
        seen.push('after a rollback');
        return Promise.resolve();
      });
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect(seen).toHaveLength(2);

  // Outside a transaction it runs at once.
  await root.afterCommit(async () => {
    seen.push('at once');
    return Promise.resolve();
  });
  expect(seen).toHaveLength(3);
});
