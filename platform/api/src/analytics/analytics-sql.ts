// The analytics statements. Values are parameters; the only inlined text is the amount field's
// key, which passed the definition language's key pattern (safeKey) on the way here.
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor';
import { visibleTo } from '../rbac/visibility';
import { safeKey } from '../records/field-sql';
import type { Period } from './analytics-query';
import type { ProcessShape } from './process-shape';

export interface Scope {
  actor: Actor;
  shape: ProcessShape;
  ownerId: string | undefined;
}

/** The money amount and its currency of the record `r`, or NULLs when the entity has no money field. */
function moneyColumns(shape: ProcessShape): { amount: RawBuilder<unknown>; currency: RawBuilder<unknown> } {
  if (shape.amountField === undefined) return { amount: sql`NULL::numeric`, currency: sql`NULL::text` };
  const key = safeKey(shape.amountField.key);
  return {
    amount: sql.raw(`(r.data->'${key}'->>'amount')::numeric`),
    currency: sql.raw(`(r.data->'${key}'->>'currency')`),
  };
}

/** Records of the process's entity the actor may see, optionally of one owner. */
function recordScope(scope: Scope): RawBuilder<boolean> {
  const owner = scope.ownerId === undefined ? sql`true` : sql`r.owner_id = ${scope.ownerId}`;
  return sql<boolean>`r.deleted_at IS NULL AND r.entity = ${scope.shape.entity} AND ${visibleTo(scope.actor)} AND ${owner}`;
}

const inPeriod = (column: RawBuilder<unknown>, period: Period) =>
  sql<boolean>`${column} >= ${period.from} AND ${column} < ${period.to}`;

export interface SnapshotRow {
  node: string;
  currency: string | null;
  count: number;
  with_amount: number;
  amount: string | null;
  avg_age_ms: number | null;
}

/** Where the visible records rest now (their open stay in this process), per node and currency. */
export function snapshotSql(scope: Scope): RawBuilder<SnapshotRow> {
  const money = moneyColumns(scope.shape);
  return sql<SnapshotRow>`
    SELECT h.to_stage AS node, ${money.currency} AS currency, count(*)::int AS count,
      count(${money.amount})::int AS with_amount, sum(${money.amount})::text AS amount,
      avg(extract(epoch FROM (now() - h.entered_at)) * 1000)::float8 AS avg_age_ms
    FROM stage_history h JOIN records r ON r.id = h.record_id
    WHERE h.process_key = ${scope.shape.key} AND h.left_at IS NULL AND ${recordScope(scope)}
    GROUP BY 1, 2`;
}

/**
 * The nodes a process's history has entered since the period began (the period's stays and the
 * ones after them), read as a loose index scan: one index probe per distinct node, however long the
 * history.
 */
export function historyNodesSql(processKey: string, period: Period): RawBuilder<{ node: string }> {
  return sql<{ node: string }>`
    WITH RECURSIVE nodes AS (
      SELECT min(to_stage) AS node FROM stage_history WHERE process_key = ${processKey}
      UNION ALL
      SELECT (SELECT min(h.to_stage) FROM stage_history h WHERE h.process_key = ${processKey} AND h.to_stage > n.node)
      FROM nodes n WHERE n.node IS NOT NULL
    )
    SELECT n.node FROM nodes n WHERE n.node IS NOT NULL AND EXISTS (
      SELECT 1 FROM stage_history h WHERE h.process_key = ${processKey} AND h.to_stage = n.node
        AND h.entered_at >= ${period.from})`;
}

export interface StageFlowRow {
  node: string;
  entered: number;
  advanced: number;
  lost: number;
  still_in: number;
  completed_stays: number;
  median_ms: number | null;
  avg_ms: number | null;
}

/**
 * Per stage, the records that entered it during the period (a cohort, counted once even when
 * they looped back) and what became of them: moved further along the pipeline (a later stage or a
 * won end), lost from it, or still in it. Times in stage are over the stays of the period that
 * have ended.
 */
export function stageFlowSql(scope: Scope, period: Period): RawBuilder<StageFlowRow> {
  const ids = scope.shape.stages.map((stage) => stage.id);
  const ranks = scope.shape.stages.map((stage) => stage.rank);
  return sql<StageFlowRow>`
    WITH chain AS (
      SELECT h.record_id, h.to_stage, h.entered_at, h.duration_ms,
        lead(h.to_stage) OVER w AS next_node, lead(h.status) OVER w AS next_status
      FROM stage_history h JOIN records r ON r.id = h.record_id
      WHERE h.process_key = ${scope.shape.key} AND ${recordScope(scope)}
        AND h.record_id IN (SELECT p.record_id FROM stage_history p
          WHERE p.process_key = ${scope.shape.key} AND ${inPeriod(sql`p.entered_at`, period)})
      WINDOW w AS (PARTITION BY h.record_id ORDER BY h.entered_at, h.id)
    ), ranks AS (
      SELECT * FROM unnest(${ids}::text[], ${ranks}::int[]) AS x(node, rank)
    )
    SELECT c.to_stage AS node,
      count(DISTINCT c.record_id)::int AS entered,
      count(DISTINCT c.record_id) FILTER (WHERE c.next_status = 'won' OR nr.rank > cr.rank)::int AS advanced,
      count(DISTINCT c.record_id) FILTER (WHERE c.next_status = 'lost')::int AS lost,
      count(DISTINCT c.record_id) FILTER (WHERE c.next_node IS NULL)::int AS still_in,
      count(c.duration_ms)::int AS completed_stays,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY c.duration_ms) AS median_ms,
      avg(c.duration_ms)::float8 AS avg_ms
    FROM chain c JOIN ranks cr ON cr.node = c.to_stage LEFT JOIN ranks nr ON nr.node = c.next_node
    WHERE ${inPeriod(sql`c.entered_at`, period)}
    GROUP BY c.to_stage`;
}

export interface OutcomeRow {
  node: string;
  status: string;
  currency: string | null;
  count: number;
  amount: string | null;
}

/** Records that reached an end of the process during the period, per end node and currency. */
export function outcomesSql(scope: Scope, period: Period): RawBuilder<OutcomeRow> {
  const money = moneyColumns(scope.shape);
  return sql<OutcomeRow>`
    SELECT h.to_stage AS node, h.status, ${money.currency} AS currency,
      count(DISTINCT h.record_id)::int AS count, sum(${money.amount})::text AS amount
    FROM stage_history h JOIN records r ON r.id = h.record_id
    WHERE h.process_key = ${scope.shape.key} AND h.status <> 'open'
      AND ${inPeriod(sql`h.entered_at`, period)} AND ${recordScope(scope)}
    GROUP BY 1, 2, 3`;
}

export interface RepRow {
  owner_id: string | null;
  active: number;
  won: number;
  lost: number;
  open_now: number;
}

/**
 * Per current owner: records moved in the period, won and lost in it, and open right now. Folded
 * per record first (a hash aggregate), so no sort over every stay is needed for the distinct counts.
 */
export function repsSql(scope: Scope, period: Period): RawBuilder<RepRow> {
  const moved = inPeriod(sql`h.entered_at`, period);
  return sql<RepRow>`
    WITH per_record AS (
      SELECT r.owner_id,
        bool_or(${moved}) AS active,
        bool_or(h.status = 'won' AND ${moved}) AS won,
        bool_or(h.status = 'lost' AND ${moved}) AS lost,
        bool_or(h.left_at IS NULL AND h.status = 'open') AS open_now
      FROM stage_history h JOIN records r ON r.id = h.record_id
      WHERE h.process_key = ${scope.shape.key} AND ${recordScope(scope)}
      GROUP BY h.record_id, r.owner_id
    )
    SELECT owner_id,
      count(*) FILTER (WHERE active)::int AS active,
      count(*) FILTER (WHERE won)::int AS won,
      count(*) FILTER (WHERE lost)::int AS lost,
      count(*) FILTER (WHERE open_now)::int AS open_now
    FROM per_record
    GROUP BY owner_id`;
}

export interface ActivityRow {
  actor_id: string | null;
  type: string;
  count: number;
}

/**
 * Activities logged in the period on visible records of the process's entity, per author and
 * type. With an owner filter, the owner's own activities (on any visible record of the entity).
 */
export function activitiesSql(scope: Scope, period: Period): RawBuilder<ActivityRow> {
  const unfiltered: Scope = { ...scope, ownerId: undefined };
  const author = scope.ownerId === undefined ? sql`true` : sql`a.actor_id = ${scope.ownerId}`;
  return sql<ActivityRow>`
    SELECT a.actor_id, a.type, count(*)::int AS count
    FROM activity_log a JOIN records r ON r.id = a.record_id
    WHERE ${recordScope(unfiltered)} AND ${author} AND ${inPeriod(sql`a.occurred_at`, period)}
    GROUP BY 1, 2`;
}

export interface UserNameRow {
  id: string;
  name: string;
  role: string;
}

export function userNamesSql(ids: readonly string[]): RawBuilder<UserNameRow> {
  return sql<UserNameRow>`SELECT id, name, role FROM users WHERE id = ANY(${ids}::uuid[])`;
}
