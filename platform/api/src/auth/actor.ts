/** Record visibility of a role (see the role definition's `recordScope`). */
export type RecordScope = 'none' | 'own' | 'team' | 'all';

export type Capability =
  | 'definitions.read'
  | 'definitions.edit'
  | 'definitions.publish'
  | 'records.read'
  | 'records.write'
  | 'records.delete'
  | 'records.assign'
  | 'approvals.decide'
  | 'analytics.read'
  | 'users.manage'
  | 'audit.read';

/** The authenticated user a request acts for, with the rights of their role resolved. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: string;
  recordScope: RecordScope;
  capabilities: ReadonlySet<string>;
}

export function can(actor: Actor, capability: Capability): boolean {
  return actor.capabilities.has(capability);
}
