// Records of a process's entity grouped by stage, from the list API (one filtered query per stage).
import { useCallback, useEffect, useState } from 'react';
import type { ProcessDefinition } from '@crm/definitions';
import { api, type RecordView } from '../api/runtime-api';
import { errorMessage } from '../api/client';
import { orderedStages, type HoldingNode } from '../record/process-view';

/** The list API's page limit: columns show at most this many records (see the report). */
export const STAGE_LIMIT = 200;

export interface StageColumn {
  node: HoldingNode;
  records: RecordView[];
  /** More records sit in this stage than were loaded. */
  truncated: boolean;
}

export function usePipeline(process: ProcessDefinition | undefined, extra: Record<string, string> = {}) {
  const [columns, setColumns] = useState<StageColumn[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(extra);
  const load = useCallback(async () => {
    if (!process) return;
    try {
      const nodes = orderedStages(process);
      const pages = await Promise.all(
        nodes.map((node) =>
          api.list(
            process.entity,
            new URLSearchParams({
              ...(JSON.parse(key) as Record<string, string>),
              'filter[stage]': node.id,
              limit: String(STAGE_LIMIT),
              sort: '-updatedAt',
            }),
          ),
        ),
      );
      setColumns(
        nodes.map((node, i) => ({
          node,
          records: pages[i]?.items ?? [],
          truncated: pages[i]?.nextCursor != null,
        })),
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
