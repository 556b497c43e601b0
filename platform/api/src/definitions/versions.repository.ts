import type { Draft, PublishedVersion, StoredKind } from '@crm/definitions';
import { sql } from 'kysely';
import { asIso, type Db } from '../db/db';

// The answers' types live with the other wire types; the definition modules take them from here.
export type { Draft, PublishedVersion };

export type DefinitionKind = StoredKind;

interface VersionRow {
  id: string;
  kind: DefinitionKind;
  key: string;
  version: number;
  content_hash: string;
  content: Record<string, unknown>;
  published_by: string | null;
  published_at: Date | string;
}

interface DraftRow {
  kind: DefinitionKind;
  key: string;
  content: Record<string, unknown>;
  updated_by: string | null;
  updated_at: Date | string;
}

const toVersion = (row: VersionRow): PublishedVersion => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  version: row.version,
  contentHash: row.content_hash,
  content: row.content,
  publishedBy: row.published_by,
  publishedAt: asIso(row.published_at),
});

const toDraft = (row: DraftRow): Draft => ({
  kind: row.kind,
  key: row.key,
  content: row.content,
  updatedBy: row.updated_by,
  updatedAt: asIso(row.updated_at),
});

const VERSION_COLUMNS = sql.raw('id, kind, key, version, content_hash, content, published_by, published_at');

/** Storage of drafts and immutable published versions; no business rules here. */
export const versionsRepository = {
  async latest(db: Db, kind: DefinitionKind, key: string): Promise<PublishedVersion | undefined> {
    const row = await db.one(sql<VersionRow>`SELECT ${VERSION_COLUMNS} FROM definition_versions
      WHERE kind = ${kind} AND key = ${key} ORDER BY version DESC LIMIT 1`);
    return row && toVersion(row);
  },

  async latestAll(db: Db, kind?: DefinitionKind): Promise<PublishedVersion[]> {
    const rows = await db.query(sql<VersionRow>`SELECT DISTINCT ON (kind, key) ${VERSION_COLUMNS}
      FROM definition_versions WHERE ${kind === undefined ? sql`true` : sql`kind = ${kind}`}
      ORDER BY kind, key, version DESC`);
    return rows.map(toVersion);
  },

  async list(db: Db, kind: DefinitionKind, key: string): Promise<PublishedVersion[]> {
    const rows = await db.query(sql<VersionRow>`SELECT ${VERSION_COLUMNS} FROM definition_versions
      WHERE kind = ${kind} AND key = ${key} ORDER BY version DESC`);
    return rows.map(toVersion);
  },

  async get(
    db: Db,
    kind: DefinitionKind,
    key: string,
    version: number,
  ): Promise<PublishedVersion | undefined> {
    const row = await db.one(sql<VersionRow>`SELECT ${VERSION_COLUMNS} FROM definition_versions
      WHERE kind = ${kind} AND key = ${key} AND version = ${version}`);
    return row && toVersion(row);
  },

  async insert(
    tx: Db,
    input: {
      kind: DefinitionKind;
      key: string;
      contentHash: string;
      content: unknown;
      publishedBy: string | null;
    },
  ): Promise<PublishedVersion> {
    // The publish service serialises concurrent publishes (advisory lock); UNIQUE (kind, key, version) is the backstop.
    const row = await tx.one(sql<VersionRow>`
      INSERT INTO definition_versions (kind, key, version, content_hash, content, published_by)
      SELECT ${input.kind}, ${input.key},
        coalesce((SELECT max(version) FROM definition_versions WHERE kind = ${input.kind} AND key = ${input.key}), 0) + 1,
        ${input.contentHash}, ${JSON.stringify(input.content)}::jsonb, ${input.publishedBy}
      RETURNING ${VERSION_COLUMNS}`);
    if (!row) throw new Error('insert returned no row');
    return toVersion(row);
  },

  async drafts(db: Db): Promise<Draft[]> {
    const rows = await db.query(sql<DraftRow>`SELECT kind, key, content, updated_by, updated_at
      FROM definition_drafts ORDER BY kind, key`);
    return rows.map(toDraft);
  },

  async draft(db: Db, kind: DefinitionKind, key: string): Promise<Draft | undefined> {
    const row = await db.one(sql<DraftRow>`SELECT kind, key, content, updated_by, updated_at
      FROM definition_drafts WHERE kind = ${kind} AND key = ${key}`);
    return row && toDraft(row);
  },

  async putDraft(
    tx: Db,
    kind: DefinitionKind,
    key: string,
    content: unknown,
    userId: string | null,
  ): Promise<Draft> {
    const row = await tx.one(sql<DraftRow>`
      INSERT INTO definition_drafts (kind, key, content, updated_by) VALUES (${kind}, ${key}, ${JSON.stringify(content)}::jsonb, ${userId})
      ON CONFLICT (kind, key) DO UPDATE SET content = EXCLUDED.content, updated_by = EXCLUDED.updated_by, updated_at = now()
      RETURNING kind, key, content, updated_by, updated_at`);
    if (!row) throw new Error('upsert returned no row');
    return toDraft(row);
  },

  async deleteDraft(tx: Db, kind: DefinitionKind, key: string): Promise<boolean> {
    const row = await tx.one(
      sql<{ key: string }>`DELETE FROM definition_drafts WHERE kind = ${kind} AND key = ${key} RETURNING key`,
    );
    return row !== undefined;
  },
};
