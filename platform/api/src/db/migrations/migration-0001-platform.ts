import { Migration } from '@mikro-orm/migrations';

/** Platform tables: identity, definitions, records and their history, process read model, outbox, audit. */
export class Migration0001Platform extends Migration {
  override name = 'Migration0001Platform';

  override up(): void {
    this.addSql('CREATE EXTENSION IF NOT EXISTS pg_trgm');

    this.addSql(`CREATE TABLE roles (
      key text PRIMARY KEY,
      label text NOT NULL,
      record_scope text NOT NULL CHECK (record_scope IN ('none', 'own', 'team', 'all')),
      capabilities jsonb NOT NULL DEFAULT '[]',
      builtin boolean NOT NULL DEFAULT false
    )`);

    this.addSql(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL REFERENCES roles (key),
      manager_id uuid REFERENCES users (id),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE UNIQUE INDEX users_email_key ON users (lower(email))');
    this.addSql('CREATE INDEX users_manager_idx ON users (manager_id)');

    this.addSql(`CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      last_used_at timestamptz(3),
      revoked_at timestamptz(3)
    )`);

    // The table layout connect-pg-simple expects.
    this.addSql(`CREATE TABLE sessions (
      sid varchar NOT NULL PRIMARY KEY,
      sess json NOT NULL,
      expire timestamp(6) NOT NULL
    )`);
    this.addSql('CREATE INDEX sessions_expire_idx ON sessions (expire)');

    // Shared by every API instance, so limits hold behind a load balancer.
    this.addSql(`CREATE TABLE rate_limits (
      key text PRIMARY KEY,
      hits integer NOT NULL,
      reset_at timestamptz(3) NOT NULL
    )`);

    this.addSql(`CREATE TABLE definition_drafts (
      kind text NOT NULL,
      key text NOT NULL,
      content jsonb NOT NULL,
      updated_by uuid REFERENCES users (id),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, key)
    )`);

    this.addSql(`CREATE TABLE definition_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      key text NOT NULL,
      version integer NOT NULL,
      content_hash text NOT NULL,
      content jsonb NOT NULL,
      published_by uuid REFERENCES users (id),
      published_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (kind, key, version)
    )`);
    this.addSql('CREATE INDEX definition_versions_hash_idx ON definition_versions (content_hash)');
    // Published versions are immutable: the database itself refuses edits.
    this.addSql(`CREATE FUNCTION definition_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'published definition versions are immutable'; END $$`);
    this.addSql(`CREATE TRIGGER definition_versions_no_update BEFORE UPDATE OR DELETE ON definition_versions
      FOR EACH ROW EXECUTE FUNCTION definition_versions_immutable()`);

    // Manifest (key, label, version) of the last imported solution, reused by the export.
    this.addSql(`CREATE TABLE solution_info (
      id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      key text NOT NULL,
      label text NOT NULL,
      version text NOT NULL,
      description text
    )`);

    this.addSql(`CREATE TABLE record_indexes (
      index_name text PRIMARY KEY,
      entity text NOT NULL,
      field text,
      kind text NOT NULL,
      definition text NOT NULL
    )`);

    this.addSql(`CREATE TABLE records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entity text NOT NULL,
      entity_version integer NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      owner_id uuid REFERENCES users (id),
      stage text,
      status text NOT NULL DEFAULT 'active',
      version integer NOT NULL DEFAULT 1,
      search_text text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users (id),
      updated_by uuid REFERENCES users (id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      deleted_at timestamptz(3)
    )`);
    this.addSql(
      'CREATE INDEX records_entity_created_idx ON records (entity, created_at, id) WHERE deleted_at IS NULL',
    );
    this.addSql('CREATE INDEX records_owner_idx ON records (owner_id) WHERE deleted_at IS NULL');
    this.addSql('CREATE INDEX records_stage_idx ON records (entity, stage) WHERE deleted_at IS NULL');

    this.addSql(`CREATE TABLE record_shares (
      record_id uuid NOT NULL REFERENCES records (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      access text NOT NULL DEFAULT 'write' CHECK (access IN ('read', 'write')),
      created_by uuid REFERENCES users (id),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (record_id, user_id)
    )`);
    this.addSql('CREATE INDEX record_shares_user_idx ON record_shares (user_id)');

    this.addSql(`CREATE TABLE stage_history (
      id bigserial PRIMARY KEY,
      record_id uuid NOT NULL REFERENCES records (id),
      process_key text NOT NULL,
      process_version integer,
      from_stage text,
      to_stage text NOT NULL,
      actor_id uuid REFERENCES users (id),
      owner_id uuid REFERENCES users (id),
      entered_at timestamptz(3) NOT NULL DEFAULT now(),
      left_at timestamptz(3)
    )`);
    this.addSql('CREATE INDEX stage_history_record_idx ON stage_history (record_id, entered_at)');

    this.addSql(`CREATE TABLE tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      record_id uuid REFERENCES records (id),
      kind text NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'approval')),
      title text NOT NULL,
      description text,
      assignee_id uuid REFERENCES users (id),
      assignee_role text,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
      due_at timestamptz(3),
      workflow_id text,
      step_key text,
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      completed_at timestamptz(3),
      completed_by uuid REFERENCES users (id),
      UNIQUE (workflow_id, step_key)
    )`);
    this.addSql('CREATE INDEX tasks_assignee_idx ON tasks (assignee_id, status)');

    this.addSql(`CREATE TABLE activity_log (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      record_id uuid NOT NULL REFERENCES records (id),
      type text NOT NULL,
      topic text,
      result text,
      notes text,
      occurred_at timestamptz(3) NOT NULL DEFAULT now(),
      participants jsonb NOT NULL DEFAULT '[]',
      actor_id uuid REFERENCES users (id),
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX activity_log_record_idx ON activity_log (record_id, occurred_at)');

    this.addSql(`CREATE TABLE mail_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text NOT NULL UNIQUE,
      record_id uuid REFERENCES records (id),
      template_key text,
      recipients jsonb NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      sent_at timestamptz(3)
    )`);

    this.addSql(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      actor_id uuid REFERENCES users (id),
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      entity text,
      before jsonb,
      after jsonb,
      at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at)');

    this.addBuiltinRoles();
  }

  private addBuiltinRoles(): void {
    const roles: [string, string, string, string[]][] = [
      [
        'admin',
        'Administrator',
        'all',
        [
          'definitions.read',
          'definitions.edit',
          'definitions.publish',
          'records.read',
          'records.write',
          'records.delete',
          'records.assign',
          'approvals.decide',
          'analytics.read',
          'users.manage',
          'audit.read',
        ],
      ],
      [
        'analyst',
        'Business analyst',
        'none',
        ['definitions.read', 'definitions.edit', 'definitions.publish'],
      ],
      [
        'director',
        'Sales director',
        'team',
        [
          'records.read',
          'records.write',
          'records.assign',
          'records.delete',
          'approvals.decide',
          'analytics.read',
          'audit.read',
        ],
      ],
      [
        'manager',
        'Sales manager',
        'team',
        ['records.read', 'records.write', 'records.assign', 'approvals.decide', 'analytics.read'],
      ],
      ['rep', 'Sales rep', 'own', ['records.read', 'records.write']],
    ];
    for (const [key, label, scope, capabilities] of roles) {
      this.addSql(
        `INSERT INTO roles (key, label, record_scope, capabilities, builtin) VALUES ('${key}', '${label}', '${scope}', '${JSON.stringify(capabilities)}', true)`,
      );
    }
  }
}
