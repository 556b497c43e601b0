import { identifierWords } from '@crm/definitions';
import type { AutomationLogPort } from '@crm/workflows/contract';
import { sql } from 'kysely';
import { recordTitle } from '../tasks/task-view';
import type { MessagingPortDeps } from './messaging-port-deps';

/**
 * The per-record automation history; a step recorded twice with the same key and status is kept
 * once. A step that failed after its retries parks its process until someone retries or skips it:
 * every active administrator (users.manage) is told, once per failure, with a link to the record.
 */
export function createAutomationLogPort(deps: MessagingPortDeps): AutomationLogPort {
  const { db, services } = deps;

  async function tellAdministrators(entry: Parameters<AutomationLogPort['record']>[0]): Promise<void> {
    const admins = await db.query(sql<{ id: string }>`SELECT u.id FROM users u JOIN roles r ON r.key = u.role
      WHERE u.active AND r.capabilities ? 'users.manage'`);
    if (admins.length === 0) return;
    const row = await db.one(sql<{ data: Record<string, unknown> }>`SELECT data FROM records
      WHERE id = ${entry.instance.recordId}`);
    const entity = await services.resolveEntity(entry.instance.entity).catch(() => undefined);
    const title = recordTitle(entity, row?.data ?? null, entry.instance.recordId);
    const what = entity === undefined ? entry.instance.entity : entity.entity.label;
    await services.notifications.create({
      key: `${entry.key}:administrators`,
      userIds: admins.map((admin) => admin.id),
      message: `Automation paused on ${what} “${title}”: ${identifierWords(entry.step)} failed${
        entry.error === undefined ? '' : ` (${entry.error})`
      }. Retry or skip it on the record page or under Automation problems.`,
      recordId: entry.instance.recordId,
      entity: entry.instance.entity,
      workflowId: entry.instance.workflowId,
      ...(entry.nodeId === undefined ? {} : { nodeId: entry.nodeId }),
    });
  }

  return {
    async record(entry) {
      await services.automation.record({
        key: entry.key,
        recordId: entry.instance.recordId,
        entity: entry.instance.entity,
        workflowId: entry.instance.workflowId,
        processKey: entry.instance.processKey,
        processVersion: entry.instance.processVersion,
        step: entry.step,
        ...(entry.nodeId !== undefined ? { nodeId: entry.nodeId } : {}),
        status: entry.status,
        ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
        ...(entry.error !== undefined ? { error: entry.error } : {}),
        at: new Date(entry.at),
      });
      // One notification per user and key: a retried or replayed activity adds none.
      if (entry.status === 'failed') await tellAdministrators(entry);
    },
  };
}
