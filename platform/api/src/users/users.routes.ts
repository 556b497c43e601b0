import type { DirectoryUser } from '@crm/definitions';
import { Router } from 'express';
import { can } from '../auth/actor';
import { actorOf } from '../auth/request-context';
import type { UsersService } from '../auth/users.service';

/** The user directory every signed-in user reads, so screens show names instead of user ids. */
export function usersRoutes(users: UsersService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const admin = can(actorOf(req), 'users.manage');
    const items: DirectoryUser[] = (await users.list()).map((user) => ({
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
