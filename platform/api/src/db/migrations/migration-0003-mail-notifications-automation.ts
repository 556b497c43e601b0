import { Migration } from '@mikro-orm/migrations';

/**
 * Mail outbox lifecycle, in-app notifications and the per-record automation history. Each table
 * carries the idempotency key of the activity that writes it under a unique constraint, so a
 * retried or replayed activity finds its row instead of acting twice.
 */
export class Migration0003MailNotificationsAutomation extends Migration {
  override name = 'Migration0003MailNotificationsAutomation';

  override up(): void {
    // pending → sending (claimed by one attempt) → sent | failed (retried) ; skipped: no address.
    this.addSql('ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check');
    this.addSql(`ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped'))`);
    // A template that cannot be rendered still leaves a failed row that says why.
    this.addSql('ALTER TABLE mail_outbox ALTER COLUMN subject DROP NOT NULL');
    this.addSql('ALTER TABLE mail_outbox ALTER COLUMN body DROP NOT NULL');
    this.addSql(`ALTER TABLE mail_outbox
      ADD COLUMN html text,
      ADD COLUMN message_id text,
      ADD COLUMN provider_message_id text,
      ADD COLUMN skip_reason text,
      ADD COLUMN origin text NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'process')),
      ADD COLUMN actor_id uuid REFERENCES users (id),
      ADD COLUMN workflow_id text,
      ADD COLUMN node_id text,
      ADD COLUMN claimed_at timestamptz(3)`);
    this.addSql('CREATE INDEX mail_outbox_record_idx ON mail_outbox (record_id, created_at)');

    this.addSql(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text NOT NULL,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      record_id uuid REFERENCES records (id),
      entity text,
      message text NOT NULL,
      workflow_id text,
      node_id text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      read_at timestamptz(3),
      UNIQUE (idempotency_key, user_id)
    )`);
    this.addSql('CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)');

    this.addSql(`CREATE TABLE automation_log (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL,
      status text NOT NULL CHECK (status IN ('completed', 'failed', 'skipped', 'retried')),
      record_id uuid NOT NULL REFERENCES records (id),
      entity text NOT NULL,
      workflow_id text NOT NULL,
      process_key text NOT NULL,
      process_version integer NOT NULL,
      step text NOT NULL,
      node_id text,
      detail jsonb,
      error text,
      at timestamptz(3) NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (idempotency_key, status)
    )`);
    this.addSql('CREATE INDEX automation_log_record_idx ON automation_log (record_id, at DESC, id DESC)');
  }
}
