import { Router } from 'express';
import { can } from '../auth/actor';
import { actorOf } from '../auth/request-context';
import type { UsersService } from '../auth/users.service';

/** What a colleague needs to show an owner or an approver: no e-mail unless the caller manages users. */
export interface DirectoryEntry {
  id: string;
  name: string;
  role: string;
  managerId: string | null;
  active: boolean;
  email?: string;
}

/** The user directory every signed-in user reads, so screens show names instead of user ids. */
export function usersRoutes(users: UsersService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const admin = can(actorOf(req), 'users.manage');
    const items: DirectoryEntry[] = (await users.list()).map((user) => ({
      id: user.id,
      name: user.name,
      role: user.role,
      managerId: user.managerId,
      active: user.active,
      ...(admin ? { email: user.email } : {}),
    }));
    res.json({ items });
  });
  return router;
}
