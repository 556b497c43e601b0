// The answers of the sign-in routes (/api/auth/…) and of the user directory (GET /api/users).
import type { RoleDefinition } from '../generated/role.generated';

/** A user as the sign-in routes return it (never the password hash). */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: string;
  managerId: string | null;
  active: boolean;
}

/** The signed-in user with the rights of their role resolved (GET /api/auth/me). */
export interface Me {
  user: PublicUser;
  role: string;
  recordScope: RoleDefinition['recordScope'];
  /** The role's capabilities, sorted. */
  capabilities: string[];
}

/** What a colleague needs to show an owner or an approver: no e-mail unless the caller manages users. */
export interface DirectoryUser {
  id: string;
  name: string;
  role: string;
  managerId: string | null;
  active: boolean;
  email?: string;
}

/**
 * What waits for the signed-in user, for the navigation's badges (GET /api/counters): the same
 * scopes as the lists they count (`/api/tasks`, `/api/approvals`, `/api/automation/problems`).
 */
export interface WorkCounters {
  /** Open tasks assigned to the user or queued for their role; `overdue` of them are past due. */
  tasks: { open: number; overdue: number };
  /** Approval requests the user may decide now (0 without approvals.decide). */
  approvals: { pending: number };
  /** Owed process starts and parked steps; null unless the user may see them (users.manage). */
  automationProblems: number | null;
}
