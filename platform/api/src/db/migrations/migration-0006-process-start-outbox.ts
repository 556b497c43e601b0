import { Migration } from '@mikro-orm/migrations';

export class Migration0006ProcessStartOutbox extends Migration {
  override name = 'Migration0006ProcessStartOutbox';

  override up(): void {
    // Process starts a record's creation owes (a transactional outbox): written in the statement
    // that inserts the record, deleted once Temporal accepted the start. A start that failed (the
    // engine down or unreachable) stays here and is retried, with backoff, until it runs.
    this.addSql(`CREATE TABLE process_start_outbox (
      id bigserial PRIMARY KEY,
      record_id uuid NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      process_key text NOT NULL,
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz(3) NOT NULL DEFAULT now() + interval '30 seconds',
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (record_id, process_key)
    )`);
    this.addSql('CREATE INDEX process_start_outbox_due_idx ON process_start_outbox (next_attempt_at)');
  }
}
