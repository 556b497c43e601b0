import { Migration } from '@mikro-orm/migrations';

/**
 * Stage history as the process read model: every row is keyed by the idempotency key of the
 * activity that wrote it (a retried activity finds its row instead of writing a second one), knows
 * the status the record entered with, and derives its own duration once it is left.
 */
export class Migration0002StageMirror extends Migration {
  override name = 'Migration0002StageMirror';

  override up(): void {
    this.addSql('ALTER TABLE stage_history ADD COLUMN idempotency_key text');
    // Rows written before this migration get a key of their own, so the column can be required.
    this.addSql("UPDATE stage_history SET idempotency_key = 'legacy:' || id WHERE idempotency_key IS NULL");
    this.addSql('ALTER TABLE stage_history ALTER COLUMN idempotency_key SET NOT NULL');
    this.addSql(
      'ALTER TABLE stage_history ADD CONSTRAINT stage_history_idempotency_key_key UNIQUE (idempotency_key)',
    );
    this.addSql('ALTER TABLE stage_history ADD COLUMN stage_label text');
    this.addSql(`ALTER TABLE stage_history ADD COLUMN status text NOT NULL DEFAULT 'open'
      CHECK (status IN ('open', 'won', 'lost', 'closed'))`);
    this.addSql(`ALTER TABLE stage_history ADD COLUMN duration_ms bigint
      GENERATED ALWAYS AS ((extract(epoch FROM (left_at - entered_at)) * 1000)::bigint) STORED`);
    this.addSql(`ALTER TABLE stage_history ADD CONSTRAINT stage_history_left_after_entered
      CHECK (left_at IS NULL OR left_at >= entered_at)`);
    // The chain invariant, held by the database: one open row per record and process.
    this.addSql(
      'CREATE UNIQUE INDEX stage_history_open_key ON stage_history (record_id, process_key) WHERE left_at IS NULL',
    );
    // Funnel and time-in-stage analytics read by process and stage.
    this.addSql(
      'CREATE INDEX stage_history_process_stage_idx ON stage_history (process_key, to_stage, entered_at)',
    );
  }
}
