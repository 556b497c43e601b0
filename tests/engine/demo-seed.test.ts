// `npm start` seeds its demo deals through the running engine: each deal's process starts on
// create and the owner moves it on, so the demo's stages and history come from real instances.
import { sql } from 'kysely';
import { bootstrapDemo } from '@crm/devservices/bootstrap';
import { B2B_DIR } from '../support/test-platform';
import { eventually, startEngine, type EngineHarness } from './engine-harness';

describe('demo data with the process engine running', () => {
  let h: EngineHarness;
  const warnings: string[] = [];
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    h = await startEngine();
    warn = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    });
  });
  afterAll(async () => {
    warn?.mockRestore();
    await h?.close();
  });

  it('moves every seeded deal through its running process, refusing none', async () => {
    const result = await bootstrapDemo(h.platform, {
      solutionDir: B2B_DIR,
      password: 'demo-password-for-engine-tests',
      log: () => undefined,
      records: { accounts: 6, deals: 12 },
    });
    expect(result.seededRecords).toBe(true);
    expect(warnings.filter((line) => line.startsWith('[demo]'))).toEqual([]);

    const deals = await h.platform.db.query(
      sql<{ id: string }>`SELECT id FROM records WHERE entity = 'deal' AND deleted_at IS NULL`,
    );
    expect(deals).toHaveLength(12);
    // The stage mirror trails the Update's answer: wait until every deal shows its stage.
    const stages = await eventually(async () => {
      const rows = await h.platform.db.query(
        sql<{ stage: string | null }>`SELECT stage FROM records WHERE entity = 'deal'`,
      );
      return rows.every((row) => row.stage !== null) ? rows.map((row) => row.stage) : undefined;
    });
    expect(new Set(stages).size).toBeGreaterThanOrEqual(3);

    for (const { id } of deals) {
      const state = await h.platform.services.processGateway?.state({
        processKey: 'deal_pipeline',
        recordId: id,
      });
      expect(state).not.toBeNull();
    }
    // Moves after the first stage are the owner's, through the process: history names who moved.
    const moved = await h.platform.db.query(
      sql<{ count: string }>`SELECT count(*)::text AS count FROM stage_history WHERE actor_id IS NOT NULL`,
    );
    expect(Number(moved[0]?.count)).toBeGreaterThan(0);
    // Walked live today, then dated as planned over the last months: the funnel history has a past.
    const dated = await h.platform.db.query(
      sql<{ oldest: string; future: string; today: string }>`SELECT min(entered_at)::text AS oldest,
        count(*) FILTER (WHERE entered_at > now())::text AS future,
        count(*) FILTER (WHERE entered_at > now() - interval '1 hour')::text AS today FROM stage_history`,
    );
    expect(Date.now() - new Date(dated[0]?.oldest ?? Date.now()).getTime()).toBeGreaterThan(
      6 * 24 * 3600 * 1000,
    );
    expect(dated[0]).toMatchObject({ future: '0', today: '0' });
  }, 180_000);
});
