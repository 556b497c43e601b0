// The record page's data: the record, its referenced records (for conditions, requirements and
// the related panel) and the choices offered for its reference fields.
import { useCallback, useEffect, useState } from 'react';
import type { EntityDefinition } from '@crm/definitions';
import { api, type RecordView } from '../api/runtime-api';
import { errorMessage } from '../api/client';
import type { ChoiceOption } from '../forms';
import { titleOf } from '../shared/format';
import { useWorkspace } from '../shared/definitions';

export interface RelatedRecord {
  field: string;
  entity: string;
  record: RecordView;
}

const CHOICE_LIMIT = 100;

export function useRecord(entity: EntityDefinition | undefined, id: string) {
  const ws = useWorkspace();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [related, setRelated] = useState<RelatedRecord[]>([]);
  const [choices, setChoices] = useState<Record<string, ChoiceOption[]>>({});
  const [error, setError] = useState<string | null>(null);

  const loadRelated = useCallback(
    async (loaded: RecordView) => {
      if (!entity) return;
      const refs = entity.fields.flatMap((f) =>
        f.type === 'reference' && typeof loaded.data[f.key] === 'string'
          ? [{ field: f.key, entity: f.entity, id: loaded.data[f.key] as string }]
          : [],
      );
      const results = await Promise.allSettled(refs.map((r) => api.get(r.entity, r.id)));
      setRelated(
        results.flatMap((result, i) => {
          const ref = refs[i];
          return result.status === 'fulfilled' && ref
            ? [{ field: ref.field, entity: ref.entity, record: result.value }]
            : [];
        }),
      );
    },
    [entity],
  );

  const reload = useCallback(async (): Promise<RecordView | null> => {
    if (!entity) return null;
    try {
      const loaded = await api.get(entity.key, id);
      setRecord(loaded);
      setError(null);
      void loadRelated(loaded);
      return loaded;
    } catch (e) {
      setError(errorMessage(e));
      return null;
    }
  }, [entity, id, loadRelated]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!entity) return;
    const refFields = entity.fields.filter((f) => f.type === 'reference');
    void Promise.allSettled(
      refFields.map((f) => api.list(f.entity, new URLSearchParams({ limit: String(CHOICE_LIMIT) }))),
    ).then((results) => {
      const next: Record<string, ChoiceOption[]> = {};
      results.forEach((result, i) => {
        const field = refFields[i];
        const target =
          field && field.type === 'reference' ? ws.entities.find((e) => e.key === field.entity) : undefined;
        if (!field || !target || result.status !== 'fulfilled') return;
        next[field.key] = result.value.items.map((r) => ({ value: r.id, label: titleOf(target, r) }));
      });
      setChoices(next);
    });
  }, [entity, ws.entities]);

  /** Choices always include the current value, even when it is beyond the first page. */
  const choicesWithCurrent: Record<string, ChoiceOption[]> = { ...choices };
  for (const rel of related) {
    const target = ws.entities.find((e) => e.key === rel.entity);
    const list = choicesWithCurrent[rel.field] ?? [];
    if (target && !list.some((c) => c.value === rel.record.id))
      choicesWithCurrent[rel.field] = [{ value: rel.record.id, label: titleOf(target, rel.record) }, ...list];
  }

  const relatedData: Record<string, Record<string, unknown>> = {};
  for (const rel of related) relatedData[rel.field] = rel.record.data;

  return { record, setRecord, related, relatedData, choices: choicesWithCurrent, error, reload };
}
