// Typed calls to the platform API used by the runtime screens.
import type {
  EntityDefinition,
  FormDefinition,
  MailTemplateDefinition,
  ProcessDefinition,
} from '@crm/definitions';
import { request } from './client';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface Me {
  user: PublicUser;
  role: string;
  recordScope: string;
  capabilities: string[];
}

export interface RecordView {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  ownerId: string | null;
  stage: string | null;
  status: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ListResult {
  items: RecordView[];
  nextCursor: string | null;
}

export interface Published<T> {
  kind: string;
  key: string;
  version: number;
  content: T;
}

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
  processKey: string;
  status: string;
  outcome?: string;
  currentStage?: { nodeId: string; label: string };
  transitions: { edgeId: string; target: string; label?: string; allowed: boolean; missing: Reason[] }[];
  /** Approval requests the instance waits for (epoch milliseconds). */
  approvals?: { id: string; nodeId: string; levelIndex: number; levelId: string; deadline?: number }[];
  /** Ticked checklist items by stage node id, kept by the process instance. */
  checklist?: Record<string, string[]>;
}

export interface ActivityView {
  id: string;
  type: string;
  topic: string | null;
  result: string | null;
  notes: string | null;
  occurredAt: string;
  participants: string[];
  actorId: string | null;
}

export interface MailView {
  id: string;
  template: string | null;
  to: { address?: string; name?: string }[];
  subject: string | null;
  status: string;
  reason: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface TemplateAvailability {
  key: string;
  label: string;
  description?: string;
  category?: string;
  unlocked: boolean;
  reason?: string;
}

export interface MailPreview {
  template: string;
  subject: string;
  text: string;
  html?: string;
}

export interface TaskView {
  id: string;
  title: string;
  description: string | null;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  blocking: boolean;
  assignee: { userId: string | null; userName: string | null; role: string | null };
  record: { id: string; entity: string; title: string; stage: string | null } | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ApprovalView {
  id: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  nodeLabel: string;
  level: { index: number; id: string; label: string };
  reason: string | null;
  deadline: string | null;
  overdue: boolean;
  requestedAt: string;
  requireCommentOnReject: boolean;
  record: {
    id: string;
    entity: string;
    title: string;
    stageLabel: string | null;
    owner: { id: string; name: string | null } | null;
    facts: { field: string; label: string; type: string; value: unknown }[];
  };
  decision: { byName: string | null; at: string | null; comment: string | null } | null;
  canDecide: boolean;
}

export interface AutomationEntry {
  id: string;
  step: string;
  status: string;
  error: string | null;
  at: string;
}

export interface AuditEntry {
  id: string;
  action: string;
  after: unknown;
  before: unknown;
  at: string;
}

const enc = encodeURIComponent;
const rec = (entity: string, id: string) => `/api/records/${enc(entity)}/${enc(id)}`;

async function published<T>(kind: string): Promise<T[]> {
  const page = await request<{ items: Published<T>[] }>('GET', `/api/definitions/published?kind=${kind}`);
  return page.items.map((item) => item.content);
}

export const api = {
  login: (email: string, password: string) =>
    request<{ user: PublicUser }>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/auth/me'),

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
    request<MailView>('POST', `${rec(entity, id)}/mail`, { template }),
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
    request<ApprovalView>('POST', `/api/approvals/${enc(id)}/decision`, {
      decision,
      ...(comment ? { comment } : {}),
    }),
};
