// An analyst's rename of a stage node id, published as a new version: the process and every form
// and mail template that names the stage (ids, edges, `stages` lists, `$stage` conditions) follow,
// as the designer's id rename does, and all are published together.
import type { Actor, Platform } from '@crm/api';

/** Every string equal to `from` becomes `to`, except an option's or a template's category value. */
function renamed(value: unknown, from: string, to: string, key?: string): unknown {
  if (typeof value === 'string') return value === from && key !== 'category' ? to : value;
  if (Array.isArray(value)) return value.map((item) => renamed(item, from, to, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, from, to, k)]));
  return value;
}

export async function publishWithStageRenamed(
  platform: Platform,
  admin: Actor,
  processKey: string,
  from: string,
  to: string,
  label: string,
  /** Runs with the drafts saved, before they are published (to look at the diff, say). */
  beforePublish?: () => Promise<void>,
): Promise<void> {
  const { definitions } = platform.services;
  const process = await definitions.latest('process', processKey);
  const items: {
    kind: 'process' | 'form' | 'mailTemplate';
    key: string;
    content: Record<string, unknown>;
  }[] = [{ kind: 'process', key: processKey, content: process.content }];
  for (const kind of ['mailTemplate', 'form'] as const)
    for (const version of await definitions.latestAll(kind))
      if (JSON.stringify(version.content).includes(`"${from}"`))
        items.push({ kind, key: version.key, content: version.content });
  for (const item of items) {
    const content = renamed(item.content, from, to) as Record<string, unknown>;
    if (item.kind === 'process') {
      const node = (content.nodes as { id: string; label: string }[]).find((n) => n.id === to);
      if (!node) throw new Error(`process "${processKey}" has no node "${from}"`);
      node.label = label;
    }
    const draft = await definitions.putDraft(admin, item.kind, item.key, content);
    if (draft.errors.length > 0)
      throw new Error(`draft ${item.kind} ${item.key}: ${JSON.stringify(draft.errors)}`);
  }
  await beforePublish?.();
  await definitions.publishDrafts(
    admin,
    items.map(({ kind, key }) => ({ kind, key })),
    {},
  );
}
