import type { UserName } from '../support/test-platform';

/** Who sends a request: a signed-in user of each role, a bearer-token client, or nobody. */
export type PrincipalName =
  'admin' | 'analyst' | 'director' | 'manager' | 'rep' | 'bearer' | 'anonymous' | 'invalidBearer';

/** Whose record a request is about, seen from the principal. */
export type Ownership = 'own' | 'team' | 'foreign';

export const OWNERSHIPS: readonly Ownership[] = ['own', 'team', 'foreign'];

export interface Principal {
  name: PrincipalName;
  /** The user the request acts for; undefined when it is not authenticated. */
  user?: UserName;
  /** The RBAC rules the product promises (not read from the code under test). */
  capabilities: ReadonlySet<string>;
  recordScope: 'none' | 'own' | 'team' | 'all';
  /** The owner of the principal's own / team member's / foreign record. */
  owners: Record<Ownership, UserName>;
  /** Which of those records the principal may see. */
  sees: ReadonlySet<Ownership>;
}

const DEFINITIONS = ['definitions.read', 'definitions.edit', 'definitions.publish'];

const ROLES = {
  admin: {
    capabilities: [
      ...DEFINITIONS,
      'records.read',
      'records.write',
      'records.delete',
      'records.assign',
      'approvals.decide',
      'analytics.read',
      'users.manage',
      'audit.read',
    ],
    recordScope: 'all',
  },
  analyst: { capabilities: DEFINITIONS, recordScope: 'none' },
  director: {
    capabilities: [
      'records.read',
      'records.write',
      'records.assign',
      'records.delete',
      'approvals.decide',
      'analytics.read',
      'audit.read',
    ],
    recordScope: 'team',
  },
  manager: {
    capabilities: ['records.read', 'records.write', 'records.assign', 'approvals.decide', 'analytics.read'],
    recordScope: 'team',
  },
  rep: { capabilities: ['records.read', 'records.write'], recordScope: 'own' },
} as const;

export type RoleName = keyof typeof ROLES;

/** Expected capabilities of a built-in role, sorted (for comparison with GET /api/auth/me). */
export function roleCapabilities(role: RoleName): string[] {
  return [...ROLES[role].capabilities].sort();
}

function signedIn(
  name: PrincipalName,
  user: UserName,
  role: RoleName,
  owners: Record<Ownership, UserName>,
  sees: Ownership[],
): Principal {
  return {
    name,
    user,
    capabilities: new Set(ROLES[role].capabilities),
    recordScope: ROLES[role].recordScope,
    owners,
    sees: new Set(sees),
  };
}

// The test platform's hierarchy: director ← manager ← (rep, teamRep); director ← otherManager ← otherRep.
const REP_OWNERS = { own: 'rep', team: 'teamRep', foreign: 'otherRep' } as const;
const NOBODY = (name: PrincipalName): Principal => ({
  name,
  capabilities: new Set(),
  recordScope: 'none',
  owners: REP_OWNERS,
  sees: new Set(),
});

export const PRINCIPALS: readonly Principal[] = [
  signedIn('admin', 'admin', 'admin', { own: 'admin', team: 'rep', foreign: 'otherRep' }, [
    'own',
    'team',
    'foreign',
  ]),
  signedIn('analyst', 'analyst', 'analyst', { own: 'analyst', team: 'rep', foreign: 'otherRep' }, []),
  // A director's team is transitive: the managers' reps belong to it; the admin does not.
  signedIn('director', 'director', 'director', { own: 'director', team: 'rep', foreign: 'admin' }, [
    'own',
    'team',
  ]),
  signedIn('manager', 'manager', 'manager', { own: 'manager', team: 'rep', foreign: 'otherRep' }, [
    'own',
    'team',
  ]),
  // For a rep the "team member" is a peer under the same manager: not visible.
  signedIn('rep', 'rep', 'rep', REP_OWNERS, ['own']),
  signedIn('bearer', 'rep', 'rep', REP_OWNERS, ['own']),
  NOBODY('anonymous'),
  NOBODY('invalidBearer'),
];

export const isAuthenticated = (p: Principal): boolean => p.user !== undefined;

/** Each user's manager on the test platform: the owner's manager decides the first approval level. */
export const MANAGER_OF: Partial<Record<UserName, UserName>> = {
  manager: 'director',
  otherManager: 'director',
  rep: 'manager',
  teamRep: 'manager',
  otherRep: 'otherManager',
};
