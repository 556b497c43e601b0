// Records of a process's entity grouped by stage: the cards come from the list API (one filtered
// page per stage), the column totals from the analytics snapshot, which counts and sums every
// record the user may see (no page limit).
import { useCallback, useEffect, useState } from 'react';
import type { MoneyTotal, ProcessDefinition, RecordView, Snapshot } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { errorMessage } from '../api/client';
import { analyticsApi } from '../dashboard/analytics-api';
import { orderedStages, type HoldingNode } from '../record/process-view';

/** Cards loaded per column; the column's count and amount still cover all its records. */
export const STAGE_LIMIT = 200;

export interface StageColumn {
  node: Pick<HoldingNode, 'id' | 'label' | 'type'>;
  /**
   * Set for a stage or end that the latest version of the process no longer has, while records
   * still sit in it (their instances run on the earlier version): the newest version that has it.
   * Such a column shows its records but takes no drops.
   */
  retiredAfter?: number;
  records: RecordView[];
  /** More records sit in this stage than were loaded. */
  truncated: boolean;
  /** Every visible record in the stage (from the snapshot; the loaded cards when it is unavailable). */
  count: number;
  /** Their amounts per currency; undefined when the snapshot is unavailable. */
  totals: MoneyTotal[] | undefined;
}

function totalsOf(snapshot: Snapshot | undefined, nodeId: string) {
  const found =
    snapshot?.stages.find((stage) => stage.id === nodeId) ??
    snapshot?.ends.find((end) => end.id === nodeId) ??
    snapshot?.retired.find((node) => node.id === nodeId);
  return found === undefined ? undefined : { count: found.count, totals: found.totals };
}

export function usePipeline(process: ProcessDefinition | undefined, extra: Record<string, string> = {}) {
  const [columns, setColumns] = useState<StageColumn[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(extra);
  const load = useCallback(async () => {
    if (!process) return;
    try {
      const filters = JSON.parse(key) as Record<string, string>;
      const ownerId = filters['filter[ownerId]'];
      const page = (nodeId: string) =>
        api.list(
          process.entity,
          new URLSearchParams({
            ...filters,
            'filter[stage]': nodeId,
            limit: String(STAGE_LIMIT),
            sort: '-updatedAt',
          }),
        );
      const current: StageColumn['node'][] = orderedStages(process);
      const [snapshot, ...currentPages] = await Promise.all([
        // Totals are a bonus over the cards: without them the board still works.
        analyticsApi.snapshot(process.key, ownerId ? { ownerId } : {}).catch(() => undefined),
        ...current.map((node) => page(node.id)),
      ]);
      // Nodes a newer version dropped while records still sit in them: after the stages (or ends)
      // of the latest version.
      const retired = (snapshot?.retired ?? []).filter((node) => node.count > 0);
      const retiredNodes = retired.map((node) => ({ id: node.id, label: node.label, type: node.kind }));
      const nodes = [
        ...current.filter((node) => node.type === 'stage'),
        ...retiredNodes.filter((node) => node.type === 'stage'),
        ...current.filter((node) => node.type !== 'stage'),
        ...retiredNodes.filter((node) => node.type !== 'stage'),
      ];
      const retiredPages = await Promise.all(retired.map((node) => page(node.id)));
      const pageOf = new Map([
        ...current.map((node, i) => [node.id, currentPages[i]] as const),
        ...retired.map((node, i) => [node.id, retiredPages[i]] as const),
      ]);
      setColumns(
        nodes.map((node) => {
          const records = pageOf.get(node.id)?.items ?? [];
          const totals = totalsOf(snapshot, node.id);
          const retiredAfter = retired.find((r) => r.id === node.id)?.lastVersion;
          return {
            node,
            ...(retiredAfter === undefined ? {} : { retiredAfter }),
            records,
            truncated: pageOf.get(node.id)?.nextCursor != null,
            count: totals?.count ?? records.length,
            totals: totals?.totals,
          };
        }),
      );
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [process, key]);
  useEffect(() => {
    void load();
  }, [load]);
  return { columns, setColumns, error, reload: load };
}
