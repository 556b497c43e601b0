import type {
  Funnel,
  MoneyTotal,
  ProcessDefinition,
  ProcessHeader,
  RepStats,
  Snapshot,
} from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { BadRequestError, NotFoundError } from '../http/problems';
import type { PublishedEntity } from '../records/records.service';
import type { FunnelQuery, SnapshotQuery } from './analytics-query';
import {
  activitiesSql,
  historyNodesSql,
  outcomesSql,
  repsSql,
  snapshotSql,
  stageFlowSql,
  userNamesSql,
  type ActivityRow,
  type RepRow,
  type Scope,
  type SnapshotRow,
} from './analytics-sql';
import { orderedStageNodes, processShape, type ProcessShape } from './process-shape';

export interface AnalyticsDeps {
  db: Db;
  definitions: {
    latestAll(kind: 'process'): Promise<{ key: string; version: number; content: Record<string, unknown> }[]>;
    /** Every published version of a definition, newest first. */
    versions(kind: 'process', key: string): Promise<{ version: number; content: Record<string, unknown> }[]>;
  };
  resolveEntity(key: string): Promise<PublishedEntity>;
}

const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
const cents = (value: number) => Math.round(value * 100) / 100;

function addTotal(totals: Map<string, number>, currency: string | null, amount: string | null): void {
  if (currency === null || amount === null) return;
  totals.set(currency, (totals.get(currency) ?? 0) + Number(amount));
}

const toTotals = (totals: Map<string, number>, probability?: number): MoneyTotal[] =>
  [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({
      currency,
      amount: cents(amount),
      ...(probability === undefined ? {} : { weighted: cents((amount * probability) / 100) }),
    }));

/** Funnel analytics over the stage history read model: exact aggregates in SQL, scoped like every record read. */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db } = deps;

  async function shapeOf(processKey: string, amountField: string | undefined): Promise<ProcessShape> {
    const published = (await deps.definitions.latestAll('process')).find((p) => p.key === processKey);
    if (published === undefined) throw new NotFoundError(`There is no published process "${processKey}".`);
    const definition = published.content as unknown as ProcessDefinition;
    const { entity } = await deps.resolveEntity(definition.entity);
    return processShape(definition, entity, amountField);
  }

  async function scopeFor(actor: Actor, processKey: string, query: SnapshotQuery): Promise<Scope> {
    const shape = await shapeOf(processKey, query.amountField);
    if (query.ownerId !== undefined) {
      const user = await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${query.ownerId}`);
      if (!user)
        throw new BadRequestError('The owner filter names no user.', [
          { field: 'owner', rule: 'exists', message: `There is no user ${query.ownerId}.` },
        ]);
    }
    return { actor, shape, ownerId: query.ownerId };
  }

  const header = (shape: ProcessShape): ProcessHeader => ({
    key: shape.key,
    label: shape.label,
    entity: shape.entity,
    amountField: shape.amountField ? { key: shape.amountField.key, label: shape.amountField.label } : null,
  });

  // Published versions never change: a process's list is read again only after a new publish.
  const versionLists = new Map<
    string,
    { latest: number; versions: { version: number; content: unknown }[] }
  >();
  async function versionsOf(processKey: string) {
    const latest =
      (await deps.definitions.latestAll('process')).find((p) => p.key === processKey)?.version ?? 0;
    const cached = versionLists.get(processKey);
    if (cached !== undefined && cached.latest === latest) return cached.versions;
    const versions = await deps.definitions.versions('process', processKey);
    if (versionLists.size >= 100) versionLists.clear();
    versionLists.set(processKey, { latest, versions });
    return versions;
  }

  /**
   * The nodes records sit in that the latest version no longer has (an analyst removed or renamed a
   * stage while instances ran on the earlier version), named as the newest version that has them.
   */
  async function retiredNodes(processKey: string, shape: ProcessShape, occupied: string[]) {
    const current = new Set([...shape.stages, ...shape.ends].map((node) => node.id));
    const missing = occupied.filter((id) => !current.has(id)).sort();
    if (missing.length === 0) return [];
    const versions = await versionsOf(processKey);
    return missing.map((id) => {
      for (const version of versions) {
        const definition = version.content as unknown as ProcessDefinition;
        const node = definition.nodes.find((n) => n.id === id);
        if (node?.type === 'stage')
          return {
            id,
            label: node.label,
            kind: 'stage' as const,
            lastVersion: version.version,
            probability: node.probability ?? 0,
            // Its place in that version's pipeline, to tell a move forward from one back.
            rank: orderedStageNodes(definition).findIndex((stage) => stage.id === id),
          };
        if (node?.type === 'end')
          return {
            id,
            label: node.label,
            kind: 'end' as const,
            outcome: node.outcome,
            lastVersion: version.version,
            probability: 0,
            rank: Number.MAX_SAFE_INTEGER,
          };
      }
      // Written by no published version (a removed process's history): shown by its id.
      return { id, label: id, kind: 'stage' as const, lastVersion: 0, probability: 0, rank: 0 };
    });
  }

  async function snapshot(actor: Actor, processKey: string, query: SnapshotQuery): Promise<Snapshot> {
    const scope = await scopeFor(actor, processKey, query);
    const rows = await db.query(snapshotSql(scope));
    const byNode = new Map<string, SnapshotRow[]>();
    for (const row of rows) byNode.set(row.node, [...(byNode.get(row.node) ?? []), row]);
    const currencies = new Set<string>();
    const openTotals = new Map<string, number>();
    const summarise = (nodeId: string) => {
      const nodeRows = byNode.get(nodeId) ?? [];
      const totals = new Map<string, number>();
      for (const row of nodeRows) {
        addTotal(totals, row.currency, row.amount);
        if (row.currency !== null && row.amount !== null) currencies.add(row.currency);
      }
      const count = nodeRows.reduce((sum, row) => sum + row.count, 0);
      const ageWeight = nodeRows.reduce((sum, row) => sum + (row.avg_age_ms ?? 0) * row.count, 0);
      return {
        count,
        withoutAmount: count - nodeRows.reduce((sum, row) => sum + row.with_amount, 0),
        totals,
        avgAgeMs: count === 0 ? null : Math.round(ageWeight / count),
      };
    };
    const stages = scope.shape.stages.map((stage) => {
      const summary = summarise(stage.id);
      for (const [currency, amount] of summary.totals)
        openTotals.set(currency, (openTotals.get(currency) ?? 0) + amount);
      return {
        id: stage.id,
        label: stage.label,
        probability: stage.probability,
        count: summary.count,
        withoutAmount: summary.withoutAmount,
        totals: toTotals(summary.totals, stage.probability),
        avgAgeMs: summary.avgAgeMs,
      };
    });
    const ends = scope.shape.ends.map((end) => {
      const summary = summarise(end.id);
      return { ...end, count: summary.count, totals: toTotals(summary.totals) };
    });
    const retired = (await retiredNodes(processKey, scope.shape, [...byNode.keys()])).map((node) => {
      const summary = summarise(node.id);
      if (node.kind === 'stage')
        for (const [currency, amount] of summary.totals)
          openTotals.set(currency, (openTotals.get(currency) ?? 0) + amount);
      return {
        ...node,
        count: summary.count,
        withoutAmount: summary.withoutAmount,
        totals: toTotals(summary.totals, node.kind === 'stage' ? node.probability : undefined),
        avgAgeMs: summary.avgAgeMs,
      };
    });
    const openRetired = retired.filter((node) => node.kind === 'stage');
    return {
      process: header(scope.shape),
      ownerId: scope.ownerId ?? null,
      stages,
      ends,
      retired: retired.map(({ rank: _rank, ...node }) => node),
      open: {
        count: [...stages, ...openRetired].reduce((sum, stage) => sum + stage.count, 0),
        totals: toTotals(openTotals),
      },
      currencies: [...currencies].sort(),
    };
  }

  async function funnel(actor: Actor, processKey: string, query: FunnelQuery): Promise<Funnel> {
    const current = await scopeFor(actor, processKey, query);
    const { period } = query;
    // Stages a newer version removed or renamed still have history: they count in the flow (a move
    // into one is judged by its place in its own version) and get rows of their own.
    const retired = (
      await retiredNodes(
        processKey,
        current.shape,
        (await db.query(historyNodesSql(processKey, period))).map((row) => row.node),
      )
    ).filter((node) => node.kind === 'stage');
    const scope: Scope = {
      ...current,
      shape: {
        ...current.shape,
        stages: [
          ...current.shape.stages,
          ...retired.map((node) => ({
            id: node.id,
            label: node.label,
            probability: node.probability,
            rank: node.rank,
          })),
        ],
      },
    };
    const [flows, outcomeRows, repRows, activityRows] = await Promise.all([
      db.query(stageFlowSql(scope, period)),
      db.query(outcomesSql(scope, period)),
      db.query(repsSql(scope, period)),
      db.query(activitiesSql(scope, period)),
    ]);
    const stages = scope.shape.stages.flatMap((stage) => {
      const flow = flows.find((row) => row.node === stage.id);
      const entered = flow?.entered ?? 0;
      const retiredAfter = retired.find((node) => node.id === stage.id)?.lastVersion;
      if (retiredAfter !== undefined && entered === 0) return [];
      return {
        id: stage.id,
        label: stage.label,
        ...(retiredAfter === undefined ? {} : { retiredAfter }),
        probability: stage.probability,
        entered,
        advanced: flow?.advanced ?? 0,
        lost: flow?.lost ?? 0,
        stillIn: flow?.still_in ?? 0,
        conversion: percent(flow?.advanced ?? 0, entered),
        completedStays: flow?.completed_stays ?? 0,
        medianMs: flow?.median_ms === null || flow === undefined ? null : Math.round(flow.median_ms),
        avgMs: flow?.avg_ms === null || flow === undefined ? null : Math.round(flow.avg_ms),
      };
    });
    const ends = scope.shape.ends.map((end) => {
      const rows = outcomeRows.filter((row) => row.node === end.id);
      const totals = new Map<string, number>();
      for (const row of rows) addTotal(totals, row.currency, row.amount);
      return { ...end, count: rows.reduce((sum, row) => sum + row.count, 0), totals: toTotals(totals) };
    });
    const outcomeCount = (status: string) =>
      outcomeRows.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
    const won = outcomeCount('won');
    const lost = outcomeCount('lost');
    return {
      process: header(scope.shape),
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      ownerId: scope.ownerId ?? null,
      stages,
      outcomes: { won, lost, closed: outcomeCount('closed'), winRate: percent(won, won + lost), ends },
      reps: await repStats(repRows, activityRows),
      activities: {
        total: activityRows.reduce((sum, row) => sum + row.count, 0),
        byType: countByType(activityRows),
      },
    };
  }

  function countByType(rows: readonly { type: string; count: number }[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of rows) out[row.type] = (out[row.type] ?? 0) + row.count;
    return out;
  }

  async function repStats(
    repRows: readonly RepRow[],
    activityRows: readonly ActivityRow[],
  ): Promise<RepStats[]> {
    const ids = new Set<string | null>([
      ...repRows.map((row) => row.owner_id),
      ...activityRows.map((row) => row.actor_id),
    ]);
    const known = [...ids].filter((id): id is string => id !== null);
    const names = new Map(
      (known.length === 0 ? [] : await db.query(userNamesSql(known))).map((row) => [row.id, row]),
    );
    return (
      [...ids]
        .map((userId) => {
          const row = repRows.find((candidate) => candidate.owner_id === userId);
          const mine = activityRows.filter((candidate) => candidate.actor_id === userId);
          const user = userId === null ? undefined : names.get(userId);
          const won = row?.won ?? 0;
          const lost = row?.lost ?? 0;
          return {
            userId,
            name: user?.name ?? (userId === null ? 'Unassigned' : 'Unknown user'),
            role: user?.role ?? null,
            active: row?.active ?? 0,
            openNow: row?.open_now ?? 0,
            won,
            lost,
            winRate: percent(won, won + lost),
            activities: mine.reduce((sum, candidate) => sum + candidate.count, 0),
            activitiesByType: countByType(mine),
          };
        })
        // Owners of records that only closed long ago have nothing to show for the period.
        .filter((rep) => rep.active + rep.openNow + rep.activities > 0)
        .sort((a, b) => b.won - a.won || b.active - a.active || a.name.localeCompare(b.name))
    );
  }

  return { snapshot, funnel };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
