// Typed calls to the platform API used by the runtime screens; the answers' types are the API's
// own, from @crm/definitions.
import type {
  ActivityView,
  ApprovalLinkView,
  ApprovalView,
  AuditEntry,
  AutomationEntry,
  EntityDefinition,
  FailedStepView,
  FormDefinition,
  ListResult,
  MailPreview,
  MailTemplateDefinition,
  MailView,
  Me,
  ProcessDefinition,
  PublicUser,
  PublishedVersion,
  RecordView,
  SendMailResult,
  TaskView,
  TemplateAvailability,
  WorkCounters,
} from '@crm/definitions';
import { request } from './client';

// The record page and the app shell import these from here.
export type { MailPreview, Me, PublicUser, RecordView, TemplateAvailability };

export interface PublishedSet {
  entities: EntityDefinition[];
  forms: FormDefinition[];
  processes: ProcessDefinition[];
  mailTemplates: MailTemplateDefinition[];
}

export interface Reason {
  field?: string;
  rule?: string;
  message: string;
}

/** The process state route's answer (see the workflows contract's ProcessStateView). */
export interface ProcessState {
  workflowId: string;
  processKey: string;
  status: string;
  outcome?: string;
  currentStage?: { nodeId: string; label: string };
  transitions: { edgeId: string; target: string; label?: string; allowed: boolean; missing: Reason[] }[];
  /** Approval requests the instance waits for (epoch milliseconds). */
  approvals?: { id: string; nodeId: string; levelIndex: number; levelId: string; deadline?: number }[];
  /** Ticked checklist items by stage node id, kept by the process instance. */
  checklist?: Record<string, string[]>;
  /** Steps parked on a failure, waiting for an administrator's retry or skip. */
  failedSteps?: FailedStepView[];
}

const enc = encodeURIComponent;
const rec = (entity: string, id: string) => `/api/records/${enc(entity)}/${enc(id)}`;

async function published<T>(kind: PublishedVersion['kind']): Promise<T[]> {
  const page = await request<{ items: PublishedVersion<T>[] }>(
    'GET',
    `/api/definitions/published?kind=${kind}`,
  );
  return page.items.map((item) => item.content);
}

export const api = {
  login: (email: string, password: string) =>
    request<{ user: PublicUser }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/auth/me'),
  counters: () => request<WorkCounters>('GET', '/api/counters'),

  async definitions(): Promise<PublishedSet> {
    const [entities, forms, processes, mailTemplates] = await Promise.all([
      published<EntityDefinition>('entity'),
      published<FormDefinition>('form'),
      published<ProcessDefinition>('process'),
      published<MailTemplateDefinition>('mailTemplate'),
    ]);
    return { entities, forms, processes, mailTemplates };
  },

  list: (entity: string, query: URLSearchParams) =>
    request<ListResult>('GET', `/api/records/${enc(entity)}?${query.toString()}`),
  get: (entity: string, id: string) => request<RecordView>('GET', rec(entity, id)),
  update: (entity: string, id: string, data: Record<string, unknown>, version: number) =>
    request<RecordView>('PATCH', rec(entity, id), { data, version }),
  audit: (entity: string, id: string) => request<{ items: AuditEntry[] }>('GET', `${rec(entity, id)}/audit`),

  processState: (entity: string, id: string) => request<ProcessState>('GET', `${rec(entity, id)}/process`),
  move: (entity: string, id: string, to: string, checkedItems: string[]) =>
    request<ProcessState>('POST', `${rec(entity, id)}/process/move`, { to, checkedItems }),
  tickChecklist: (entity: string, id: string, itemId: string, checked: boolean) =>
    request<ProcessState>('PUT', `${rec(entity, id)}/process/checklist/${enc(itemId)}`, { checked }),

  activities: (entity: string, id: string) =>
    request<{ items: ActivityView[] }>('GET', `${rec(entity, id)}/activities`),
  logActivity: (entity: string, id: string, body: Record<string, unknown>) =>
    request<ActivityView>('POST', `${rec(entity, id)}/activities`, body),
  mails: (entity: string, id: string) => request<{ items: MailView[] }>('GET', `${rec(entity, id)}/mails`),
  templates: (entity: string, id: string) =>
    request<{ items: TemplateAvailability[] }>('GET', `${rec(entity, id)}/mail-templates`),
  preview: (entity: string, id: string, key: string) =>
    request<MailPreview>('GET', `${rec(entity, id)}/mail-templates/${enc(key)}/preview`),
  sendMail: (entity: string, id: string, template: string) =>
    request<SendMailResult>('POST', `${rec(entity, id)}/mail`, { template }),
  recordTasks: (entity: string, id: string) =>
    request<{ items: TaskView[] }>('GET', `${rec(entity, id)}/tasks`),
  recordApprovals: (entity: string, id: string) =>
    request<{ items: ApprovalView[] }>('GET', `${rec(entity, id)}/approvals`),
  automation: (entity: string, id: string) =>
    request<{ items: AutomationEntry[] }>('GET', `${rec(entity, id)}/automation`),

  tasks: (status: 'open' | 'overdue' | 'done') =>
    request<{ items: TaskView[] }>('GET', `/api/tasks?status=${status}`),
  completeTask: (id: string) => request<TaskView>('POST', `/api/tasks/${enc(id)}/complete`),
  approvals: (status: 'pending' | 'decided') =>
    request<{ items: ApprovalView[] }>('GET', `/api/approvals?status=${status}`),
  decide: (id: string, decision: 'approved' | 'rejected', comment: string) =>
    request<ApprovalView>('POST', `/api/approvals/${enc(id)}/decision`, decisionBody(decision, comment)),
  delegate: (id: string, toUserId: string) =>
    request<ApprovalView>('POST', `/api/approvals/${enc(id)}/delegate`, { toUserId }),
  /** A mailed decision link: no sign-in, the link is the credential. */
  approvalLink: (token: string) => request<ApprovalLinkView>('GET', `/api/approval-links/${enc(token)}`),
  decideByLink: (token: string, decision: 'approved' | 'rejected', comment: string) =>
    request<ApprovalLinkView>(
      'POST',
      `/api/approval-links/${enc(token)}/decision`,
      decisionBody(decision, comment),
    ),
};

function decisionBody(decision: 'approved' | 'rejected', comment: string) {
  return { decision, ...(comment ? { comment } : {}) };
}
