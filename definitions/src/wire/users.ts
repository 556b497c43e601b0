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
