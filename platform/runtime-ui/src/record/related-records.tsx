// Records this one points to (its reference fields) and records that point to it (other entities'
// reference fields to this entity), each a link.
import { useEffect, useState } from 'react';
import type { EntityDefinition } from '@crm/definitions';
import { api, type RecordView } from '../api/runtime-api';
import { pluralOf, useWorkspace } from '../shared/definitions';
import { titleOf } from '../shared/format';
import { recordHref } from '../shared/route';
import type { RelatedRecord } from './use-record';

interface Inbound {
  entity: EntityDefinition;
  field: string;
  label: string;
  items: RecordView[];
}

export function RelatedRecords({
  entity,
  id,
  outbound,
}: {
  entity: EntityDefinition;
  id: string;
  outbound: RelatedRecord[];
}) {
  const ws = useWorkspace();
  const [inbound, setInbound] = useState<Inbound[]>([]);
  useEffect(() => {
    const links = ws.entities.flatMap((other) =>
      other.fields.flatMap((f) =>
        f.type === 'reference' && f.entity === entity.key
          ? [{ entity: other, field: f.key, label: f.label }]
          : [],
      ),
    );
    void Promise.allSettled(
      links.map((l) =>
        api.list(
          l.entity.key,
          new URLSearchParams({ [`filter[${l.field}]`]: id, limit: '5', sort: '-updatedAt' }),
        ),
      ),
    ).then((results) =>
      setInbound(
        results.flatMap((r, i) => {
          const link = links[i];
          return r.status === 'fulfilled' && link && r.value.items.length > 0
            ? [{ ...link, items: r.value.items }]
            : [];
        }),
      ),
    );
  }, [entity, id, ws.entities]);

  if (outbound.length === 0 && inbound.length === 0) return null;
  return (
    <section className="card" aria-label="Related records">
      <h2>Related</h2>
      <ul className="related">
        {outbound.map((r) => {
          const target = ws.entities.find((e) => e.key === r.entity);
          const label = entity.fields.find((f) => f.key === r.field)?.label ?? r.field;
          return (
            <li key={r.field}>
              <span className="muted small">{label}</span>
              <a href={recordHref(r.entity, r.record.id)}>
                {target ? titleOf(target, r.record) : r.record.id}
              </a>
            </li>
          );
        })}
        {inbound.map((group) => (
          <li key={`${group.entity.key}-${group.field}`}>
            <span className="muted small">
              {pluralOf(group.entity)} ({group.label})
            </span>
            {group.items.map((item) => (
              <a key={item.id} href={recordHref(group.entity.key, item.id)}>
                {titleOf(group.entity, item)}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
