import type { AutomationLogPort } from '@crm/workflows/contract';
import type { MessagingPortDeps } from './messaging-port-deps';

/** The per-record automation history; a step recorded twice with the same key and status is kept once. */
export function createAutomationLogPort(deps: MessagingPortDeps): AutomationLogPort {
  const { automation } = deps.services;
  return {
    async record(entry) {
      await automation.record({
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
    },
  };
}
