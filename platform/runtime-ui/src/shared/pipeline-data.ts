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
  node: HoldingNode;
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
    snapshot?.stages.find((stage) => stage.id === nodeId) ?? snapshot?.ends.find((end) => end.id === nodeId);
  return found === undefined ? undefined : { count: found.count, totals: found.totals };
}

export function usePipeline(process: ProcessDefinition | undefined, extra: Record<string, string> = {}) {
  const [columns, setColumns] = useState<StageColumn[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(extra);
  const load = useCallback(async () => {
    if (!process) return;
    try {
      const nodes = orderedStages(process);
      const filters = JSON.parse(key) as Record<string, string>;
      const ownerId = filters['filter[ownerId]'];
      const [snapshot, ...pages] = await Promise.all([
        // Totals are a bonus over the cards: without them the board still works.
        analyticsApi.snapshot(process.key, ownerId ? { ownerId } : {}).catch(() => undefined),
        ...nodes.map((node) =>
          api.list(
            process.entity,
            new URLSearchParams({
              ...filters,
              'filter[stage]': node.id,
              limit: String(STAGE_LIMIT),
              sort: '-updatedAt',
            }),
          ),
        ),
      ]);
      setColumns(
        nodes.map((node, i) => {
          const records = pages[i]?.items ?? [];
          const totals = totalsOf(snapshot, node.id);
          return {
            node,
            records,
            truncated: pages[i]?.nextCursor != null,
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
