import { Migration } from '@mikro-orm/migrations';

export class Migration0008ApprovalLinks extends Migration {
  override name = 'Migration0008ApprovalLinks';

  override up(): void {
    // A personal link in the mail that asks an approver for a decision: only the token's SHA-256 is
    // kept, so the table cannot be used to decide. One link per request and approver.
    this.addSql(`CREATE TABLE approval_links (
      token_hash bytea PRIMARY KEY,
      approval_row uuid NOT NULL REFERENCES approvals (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id),
      request_key text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (request_key, user_id)
    )`);
    this.addSql('CREATE INDEX approval_links_approval_idx ON approval_links (approval_row)');
  }
}
