// Titles of referenced records (an account's name instead of its id), fetched once per id.
import { useEffect, useState } from 'react';
import type { EntityDefinition, RecordView } from '@crm/definitions';
import { api } from '../api/runtime-api';
import { titleOf } from './format';
import { useWorkspace } from './definitions';

/** `entity/id` → title for every reference value in `records`. */
export function useReferenceTitles(entity: EntityDefinition | undefined, records: readonly RecordView[]) {
  const ws = useWorkspace();
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!entity) return;
    const wanted = new Map<string, { entity: string; id: string }>();
    for (const field of entity.fields)
      if (field.type === 'reference')
        for (const record of records) {
          const id = record.data[field.key];
          if (typeof id === 'string') wanted.set(`${field.entity}/${id}`, { entity: field.entity, id });
        }
    const missing = [...wanted.entries()].filter(([key]) => !(key in titles));
    if (missing.length === 0) return;
    let cancelled = false;
    void Promise.allSettled(missing.map(([, ref]) => api.get(ref.entity, ref.id))).then((results) => {
      if (cancelled) return;
      const found: Record<string, string> = {};
      results.forEach((result, i) => {
        const entry = missing[i];
        if (!entry) return;
        const target = ws.entities.find((e) => e.key === entry[1].entity);
        found[entry[0]] =
          result.status === 'fulfilled' && target ? titleOf(target, result.value) : '(not visible)';
      });
      setTitles((previous) => ({ ...previous, ...found }));
    });
    return () => {
      cancelled = true;
    };
    // Titles already known are skipped above; depending on `titles` would refetch in a loop.
  }, [entity, records, ws.entities]);
  return titles;
}
