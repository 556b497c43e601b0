import { Migration } from '@mikro-orm/migrations';

/**
 * The process read model of tasks and approvals: what the inboxes query. Every row a process writes
 * carries the activity's idempotency key under a unique constraint, so a retried or replayed
 * activity finds its row instead of creating a second one.
 */
export class Migration0004TasksApprovals extends Migration {
  override name = 'Migration0004TasksApprovals';

  override up(): void {
    this.addSql('ALTER TABLE tasks ADD COLUMN idempotency_key text');
    this.addSql('ALTER TABLE tasks ADD CONSTRAINT tasks_idempotency_key_key UNIQUE (idempotency_key)');
    this.addSql('ALTER TABLE tasks ADD COLUMN process_key text');
    this.addSql('ALTER TABLE tasks ADD COLUMN process_version integer');
    this.addSql('ALTER TABLE tasks ADD COLUMN node_id text');
    // The spec as drawn (owner, ownerManager, role, user); assignee_id / assignee_role hold what it resolved to.
    this.addSql('ALTER TABLE tasks ADD COLUMN assignee_spec jsonb');
    this.addSql('ALTER TABLE tasks ADD COLUMN blocking boolean NOT NULL DEFAULT false');
    this.addSql('ALTER TABLE tasks ADD COLUMN created_by uuid REFERENCES users (id)');
    this.addSql('ALTER TABLE tasks ADD COLUMN cancelled_at timestamptz(3)');
    this.addSql(
      'CREATE INDEX tasks_role_idx ON tasks (assignee_role, status) WHERE assignee_role IS NOT NULL',
    );
    this.addSql('CREATE INDEX tasks_record_idx ON tasks (record_id, status)');

    this.addSql(`CREATE TABLE approvals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      approval_id text NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      workflow_id text NOT NULL,
      process_key text NOT NULL,
      process_version integer NOT NULL,
      record_id uuid NOT NULL REFERENCES records (id),
      entity text NOT NULL,
      node_id text NOT NULL,
      node_label text NOT NULL,
      level_index integer NOT NULL,
      level_id text NOT NULL,
      level_label text NOT NULL,
      approver jsonb NOT NULL,
      eligible_user_ids uuid[] NOT NULL DEFAULT '{}',
      approver_roles text[] NOT NULL DEFAULT '{}',
      delegate_id uuid REFERENCES users (id),
      require_comment_on_reject boolean NOT NULL DEFAULT false,
      allow_delegation boolean NOT NULL DEFAULT false,
      reason text,
      deadline timestamptz(3),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
      decided_by uuid REFERENCES users (id),
      decided_at timestamptz(3),
      comment text,
      close_key text UNIQUE,
      requested_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (workflow_id, approval_id)
    )`);
    this.addSql('CREATE INDEX approvals_pending_idx ON approvals (status, requested_at)');
    this.addSql('CREATE INDEX approvals_eligible_idx ON approvals USING gin (eligible_user_ids)');
    this.addSql('CREATE INDEX approvals_record_idx ON approvals (record_id, requested_at)');

    // Later requests for the same approval (a delegation, an escalation) add approvers; each is
    // keyed by its own activity key.
    this.addSql(`CREATE TABLE approval_requests (
      idempotency_key text PRIMARY KEY,
      approval_row uuid NOT NULL REFERENCES approvals (id) ON DELETE CASCADE,
      approver jsonb NOT NULL,
      user_ids uuid[] NOT NULL DEFAULT '{}',
      role text,
      requested_at timestamptz(3) NOT NULL DEFAULT now()
    )`);

    // Field updates made by processes, one row per activity key: replaying one is a no-op.
    this.addSql(`CREATE TABLE process_record_updates (
      idempotency_key text PRIMARY KEY,
      workflow_id text NOT NULL,
      record_id uuid NOT NULL REFERENCES records (id),
      target text,
      set_fields jsonb NOT NULL,
      applied_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
  }
}
