import type { DefinitionChange, PublishResult, SavedDraft, VersionRef } from '@crm/definitions';
import { sql } from 'kysely';
import { can, type Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { ForbiddenError, NotFoundError, ValidationError, type ProblemEntry } from '../http/problems';
import type { AuditService } from '../records/audit.service';
import type { EntityLike } from '../records/field-sql';
import type { RecordScope } from '../auth/actor';
import type { RolesService } from '../rbac/roles.service';
import { applyDataMigration, type DataMigration } from './data-migration';
import { language, type DefinitionProblem } from './language';
import { createPublishedCache } from './published-cache';
import { refreshSearchText, syncRecordIndexes } from './record-indexes';
import {
  buildSolution,
  solutionItems,
  versionItem,
  type DefinitionItem,
  type SolutionDocument,
  type SolutionInfo,
} from './solution-shape';
import {
  versionsRepository as repo,
  type DefinitionKind,
  type Draft,
  type PublishedVersion,
} from './versions.repository';

export interface DefinitionsDeps {
  db: Db;
  audit: AuditService;
  roles: RolesService;
}

const DEFAULT_INFO: SolutionInfo = { key: 'workspace', label: 'Workspace', version: '1.0.0' };

export function toProblemEntries(errors: DefinitionProblem[]): ProblemEntry[] {
  return errors.map((e) => ({
    pointer: e.path,
    rule: e.rule,
    message: e.message,
    kind: e.kind,
    key: e.key,
    ...(e.fieldKey ? { field: e.fieldKey } : {}),
    ...(e.nodeId ? { nodeId: e.nodeId } : {}),
    ...(e.edgeId ? { edgeId: e.edgeId } : {}),
  }));
}

export function createDefinitionsService(deps: DefinitionsDeps) {
  const { db, audit, roles } = deps;
  const publishedCache = createPublishedCache(db);

  function requireCap(
    actor: Actor,
    cap: 'definitions.read' | 'definitions.edit' | 'definitions.publish',
  ): void {
    if (!can(actor, cap)) throw new ForbiddenError(`Your role "${actor.role}" lacks "${cap}".`);
  }

  async function info(tx: Db): Promise<SolutionInfo> {
    const row = await tx.one(
      sql<
        SolutionInfo & { description: string | null }
      >`SELECT key, label, version, description FROM solution_info`,
    );
    if (!row) return DEFAULT_INFO;
    return {
      key: row.key,
      label: row.label,
      version: row.version,
      ...(row.description ? { description: row.description } : {}),
    };
  }

  /** The published set with the candidates laid over it: what the world would look like after publishing. */
  async function candidateSolution(tx: Db, candidates: DefinitionItem[]): Promise<SolutionDocument> {
    const published = (await repo.latestAll(tx)).map(versionItem);
    return buildSolution(await info(tx), [...published, ...candidates]);
  }

  /** Publishes definitions together: all or none, validated against the rest of the published set. */
  async function publishItems(
    actor: Actor,
    candidates: DefinitionItem[],
    migration: DataMigration,
    dropDrafts: boolean,
  ): Promise<PublishResult[]> {
    requireCap(actor, 'definitions.publish');
    try {
      return await publishTransaction(actor, candidates, migration, dropDrafts);
    } finally {
      // After commit (or rollback): readers of this instance see the new versions at once.
      publishedCache.invalidate();
    }
  }

  async function publishTransaction(
    actor: Actor,
    candidates: DefinitionItem[],
    migration: DataMigration,
    dropDrafts: boolean,
  ): Promise<PublishResult[]> {
    return db.transaction(async (tx) => {
      await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext('crm.definitions.publish'))`);
      const errors = language.validateSolution(await candidateSolution(tx, candidates));
      if (errors.length > 0)
        throw new ValidationError(
          `The definitions have ${errors.length} problem(s); nothing was published.`,
          toProblemEntries(errors),
        );
      const results: PublishResult[] = [];
      for (const item of candidates) {
        const hash = language.contentHash(item.content);
        const latest = await repo.latest(tx, item.kind, item.key);
        if (latest?.contentHash === hash) {
          results.push({
            kind: item.kind,
            key: item.key,
            version: latest.version,
            contentHash: hash,
            created: false,
          });
          if (dropDrafts) await repo.deleteDraft(tx, item.kind, item.key);
          continue;
        }
        const result: PublishResult = {
          kind: item.kind,
          key: item.key,
          version: 0,
          contentHash: hash,
          created: true,
        };
        if (item.kind === 'entity') {
          const next = item.content as unknown as EntityLike;
          if (latest)
            result.migrated = await applyDataMigration(
              tx,
              latest.content as unknown as EntityLike,
              next,
              migration[item.key],
            );
          await syncRecordIndexes(tx, next);
          if (latest) await refreshSearchText(tx, next);
        }
        if (item.kind === 'role') {
          const role = item.content as {
            key: string;
            label: string;
            recordScope: RecordScope;
            capabilities: string[];
          };
          await roles.upsert(tx, role);
        }
        const version = await repo.insert(tx, {
          kind: item.kind,
          key: item.key,
          contentHash: hash,
          content: item.content,
          publishedBy: actor.id,
        });
        result.version = version.version;
        await audit.write(tx, {
          actorId: actor.id,
          action: 'definition.publish',
          subjectType: 'definition',
          subjectId: `${item.kind}:${item.key}`,
          before: latest ? { version: latest.version, contentHash: latest.contentHash } : undefined,
          after: { version: version.version, contentHash: hash, migrated: result.migrated ?? [] },
        });
        if (dropDrafts) await repo.deleteDraft(tx, item.kind, item.key);
        results.push(result);
      }
      return results;
    });
  }

  return {
    listDrafts(actor: Actor): Promise<Draft[]> {
      requireCap(actor, 'definitions.read');
      return repo.drafts(db);
    },

    async getDraft(actor: Actor, kind: DefinitionKind, key: string): Promise<Draft> {
      requireCap(actor, 'definitions.read');
      const draft = await repo.draft(db, kind, key);
      if (!draft) throw new NotFoundError(`No draft of ${kind} "${key}".`);
      return draft;
    },

    /** Drafts may be work in progress: they are saved even when invalid, with their problems returned. */
    async putDraft(
      actor: Actor,
      kind: DefinitionKind,
      key: string,
      content: Record<string, unknown>,
    ): Promise<SavedDraft> {
      requireCap(actor, 'definitions.edit');
      if (content.key !== undefined && content.key !== key)
        throw new ValidationError('The key in the body differs from the key in the URL.', [
          { pointer: '/key', field: 'key', rule: 'keyMismatch', message: `Expected key "${key}".` },
        ]);
      const draft = await repo.putDraft(db, kind, key, { ...content, key }, actor.id);
      return { draft, errors: toProblemEntries(language.validateDefinition(kind, draft.content)) };
    },

    async deleteDraft(actor: Actor, kind: DefinitionKind, key: string): Promise<void> {
      requireCap(actor, 'definitions.edit');
      if (!(await repo.deleteDraft(db, kind, key))) throw new NotFoundError(`No draft of ${kind} "${key}".`);
    },

    /** Validates the published set with every draft laid over it; all problems at once. */
    async validate(actor: Actor): Promise<{ valid: boolean; errors: ProblemEntry[] }> {
      requireCap(actor, 'definitions.read');
      const drafts = (await repo.drafts(db)).map((d) => ({ kind: d.kind, key: d.key, content: d.content }));
      const errors = language.validateSolution(await candidateSolution(db, drafts));
      return { valid: errors.length === 0, errors: toProblemEntries(errors) };
    },

    async publishDrafts(
      actor: Actor,
      ids: { kind: DefinitionKind; key: string }[],
      migration: DataMigration,
    ): Promise<PublishResult[]> {
      requireCap(actor, 'definitions.publish');
      const candidates: DefinitionItem[] = [];
      for (const id of ids) {
        const draft = await repo.draft(db, id.kind, id.key);
        if (!draft) throw new NotFoundError(`No draft of ${id.kind} "${id.key}" to publish.`);
        candidates.push({ kind: id.kind, key: id.key, content: draft.content });
      }
      return publishItems(actor, candidates, migration, true);
    },

    /** Imports a whole solution: every definition is published in one transaction (unchanged ones are kept). */
    async importSolution(
      solution: unknown,
      actor: Actor,
      migration: DataMigration = {},
    ): Promise<PublishResult[]> {
      requireCap(actor, 'definitions.publish');
      const schemaErrors = language.validateSolution(solution);
      if (schemaErrors.length > 0)
        throw new ValidationError(
          `The solution has ${schemaErrors.length} problem(s); nothing was imported.`,
          toProblemEntries(schemaErrors),
        );
      const doc = solution as Record<string, unknown>;
      const results = await publishItems(actor, solutionItems(doc), migration, false);
      await db.query(sql`INSERT INTO solution_info (id, key, label, version, description)
        VALUES (1, ${String(doc.key)}, ${String(doc.label)}, ${String(doc.version)}, ${typeof doc.description === 'string' ? doc.description : null})
        ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key, label = EXCLUDED.label, version = EXCLUDED.version, description = EXCLUDED.description`);
      return results;
    },

    async exportSolution(): Promise<SolutionDocument> {
      return buildSolution(await info(db), (await repo.latestAll(db)).map(versionItem));
    },

    /** Served from memory; see createPublishedCache for how it stays current. */
    latestAll: (kind?: DefinitionKind) => publishedCache.latestAll(kind),

    async latest(kind: DefinitionKind, key: string): Promise<PublishedVersion> {
      const version = await repo.latest(db, kind, key);
      if (!version) throw new NotFoundError(`No published ${kind} "${key}".`);
      return version;
    },

    versions: (kind: DefinitionKind, key: string) => repo.list(db, kind, key),

    async version(kind: DefinitionKind, key: string, version: number): Promise<PublishedVersion> {
      const found = await repo.get(db, kind, key, version);
      if (!found) throw new NotFoundError(`No version ${version} of ${kind} "${key}".`);
      return found;
    },

    /** Business-language differences between two versions, or between the latest version and the draft. */
    async diff(actor: Actor, kind: DefinitionKind, key: string, from: VersionRef, to: VersionRef) {
      const load = async (ref: VersionRef) => {
        if (ref === 'draft') return (await this.getDraft(actor, kind, key)).content;
        if (ref === 'latest') return (await this.latest(kind, key)).content;
        return (await this.version(kind, key, ref)).content;
      };
      const before = await load(from);
      const after = await load(to);
      const changes = language.diffDefinitions(kind, before, after);
      if (kind !== 'process') return changes;
      return [...changes, ...(await occupiedRemovals(key, before, after))];
    },
  };

  /**
   * Stages and ends the newer version drops while records sit in them: publishing is allowed (their
   * instances stay on the version they started with), but the analyst should know beforehand.
   */
  async function occupiedRemovals(key: string, before: unknown, after: unknown): Promise<DefinitionChange[]> {
    const nodesOf = (content: unknown) =>
      ((content as { nodes?: { id: string; type: string; label: string }[] } | null)?.nodes ?? []).filter(
        (node) => node.type === 'stage' || node.type === 'end',
      );
    const kept = new Set(nodesOf(after).map((node) => node.id));
    const dropped = nodesOf(before).filter((node) => !kept.has(node.id));
    if (dropped.length === 0) return [];
    const rows = await db.query(sql<{ node: string; count: number }>`
      SELECT to_stage AS node, count(*)::int AS count FROM stage_history
      WHERE process_key = ${key} AND left_at IS NULL AND to_stage = ANY(${dropped.map((node) => node.id)}::text[])
      GROUP BY 1`);
    const beforeNodes = (before as { nodes: { id: string }[] }).nodes;
    return rows
      .filter((row) => row.count > 0)
      .map((row) => {
        const node = dropped.find((candidate) => candidate.id === row.node) as { id: string; label: string };
        const [records, rest] =
          row.count === 1
            ? [
                '1 record is',
                'it stays on the version it started with, shown apart on the board, until it moves on',
              ]
            : [
                `${row.count} records are`,
                'they stay on the version they started with, shown apart on the board, until they move on',
              ];
        return {
          kind: 'process' as const,
          key,
          path: `/nodes/${beforeNodes.findIndex((candidate) => candidate.id === node.id)}`,
          change: 'removed' as const,
          severity: 'destructive' as const,
          message: `“${node.label}” is removed while ${records} in it: ${rest}.`,
        };
      });
  }
}

export type DefinitionsService = ReturnType<typeof createDefinitionsService>;
