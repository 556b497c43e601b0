// A real record as the preview's sample: the record, the records its reference fields point to,
// and its owner from the user directory. Loaded over the API with the signed-in user's rights, so
// the analyst previews only what they may read.
import type {
  DirectoryUser,
  EntityDefinition,
  ListResult,
  MergeOwner,
  RecordData,
  RecordView,
  RelatedRecord,
} from '@crm/definitions';
import { ApiError, request } from '@crm/runtime-ui/ui';
import type { SampleRecord } from './sample-record';

const enc = encodeURIComponent;

/** What {{owner.email}} shows in a preview when the directory does not reveal the address. */
export const HIDDEN_EMAIL = '(owner e-mail not shown to you)';

/** How a record is named in the picker: its title field, else its id. */
export function recordTitle(entity: EntityDefinition, record: RecordView): string {
  const key = entity.titleField ?? entity.fields[0]?.key;
  const value = key ? record.data[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : record.id;
}

/**
 * The sample a real record makes: its data with the system fields templates may print (id,
 * stage), its related records by reference field (links that could not be read are left
 * out), and its owner (the e-mail only when the directory shows it to the caller).
 */
export function toSample(
  entity: EntityDefinition,
  entities: readonly EntityDefinition[],
  record: RecordView,
  related: Readonly<Record<string, RecordData | undefined>>,
  users: readonly DirectoryUser[],
): SampleRecord {
  const relatedRecords: Record<string, RelatedRecord> = {};
  const data: RecordData = {
    ...record.data,
    id: record.id,
    ...(record.stage ? { stage: record.stage } : {}),
  };
  for (const field of entity.fields) {
    if (field.type !== 'reference') continue;
    const target = entities.find((e) => e.key === field.entity);
    const linked = related[field.key];
    if (target && linked) relatedRecords[field.key] = { entity: target, data: linked };
    // A link the user cannot follow reads as empty, so the preview names the merge field
    // instead of failing inside the renderer on a bare id.
    else delete data[field.key];
  }
  const user = users.find((u) => u.id === record.ownerId);
  // The directory shows e-mails only to user managers; a placeholder beats a silent blank.
  const owner: MergeOwner = {
    name: user?.name ?? 'Unknown owner',
    email: user?.email ?? HIDDEN_EMAIL,
  };
  return { data, related: relatedRecords, owner };
}

export async function listRecords(entity: string): Promise<RecordView[]> {
  return (await request<ListResult>('GET', `/api/records/${enc(entity)}?limit=25`)).items ?? [];
}

async function readOrNothing(entity: string, id: string): Promise<RecordData | undefined> {
  try {
    return (await request<RecordView>('GET', `/api/records/${enc(entity)}/${enc(id)}`)).data;
  } catch (error) {
    // A related record the user may not see (404) is simply absent from the preview.
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

export async function loadRecordSample(
  entity: EntityDefinition,
  entities: readonly EntityDefinition[],
  id: string,
): Promise<{ sample: SampleRecord; stage: string | null }> {
  const record = await request<RecordView>('GET', `/api/records/${enc(entity.key)}/${enc(id)}`);
  const related: Record<string, RecordData | undefined> = {};
  await Promise.all(
    entity.fields.map(async (field) => {
      const value = record.data[field.key];
      if (field.type === 'reference' && typeof value === 'string')
        related[field.key] = await readOrNothing(field.entity, value);
    }),
  );
  const users = await request<{ items: DirectoryUser[] }>('GET', '/api/users').then(
    (r) => r.items,
    () => [],
  );
  return { sample: toSample(entity, entities, record, related, users), stage: record.stage };
}
