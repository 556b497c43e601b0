import { Migration } from '@mikro-orm/migrations';

/**
 * Collaboration around records: saved list views per user and entity (optionally shared with every
 * user of the workspace) and plain-text comments on records, shown in the record's timeline.
 */
export class Migration0005ViewsComments extends Migration {
  override name = 'Migration0005ViewsComments';

  override up(): void {
    // `query` holds the list state (filters, sort, search, columns), validated by the API against
    // the entity when saved; the list route validates it again on every use, as definitions move on.
    this.addSql(`CREATE TABLE saved_views (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      entity text NOT NULL,
      name text NOT NULL,
      shared boolean NOT NULL DEFAULT false,
      query jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    // One name per user and entity, whatever the case, so the view picker never shows twins.
    this.addSql('CREATE UNIQUE INDEX saved_views_name_key ON saved_views (owner_id, entity, lower(name))');
    this.addSql('CREATE INDEX saved_views_shared_idx ON saved_views (entity) WHERE shared');

    this.addSql(`CREATE TABLE record_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      record_id uuid NOT NULL REFERENCES records (id),
      author_id uuid NOT NULL REFERENCES users (id),
      body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX record_comments_record_idx ON record_comments (record_id, created_at)');
  }
}
