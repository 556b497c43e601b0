import type { Capability } from '@crm/definitions';
/** Record visibility of a role (see the role definition's `recordScope`). */
export type RecordScope = 'none' | 'own' | 'team' | 'all';

// Capabilities are part of the definition language (role definitions grant them).
export type { Capability };

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
