import type { DirectoryUser } from '@crm/definitions';
import { ownerChoices, periodFor } from './dashboard-model';

const user = (id: string, managerId: string | null, active = true): DirectoryUser => ({
  id,
  name: id,
  role: 'rep',
  managerId,
  active,
});

// director ← manager ← rep ← (nobody); otherManager ← otherRep; a former rep under manager.
const USERS = [
  user('director', null),
  user('manager', 'director'),
  user('rep', 'manager'),
  user('former', 'manager', false),
  user('otherManager', 'director'),
  user('otherRep', 'otherManager'),
];
const ids = (users: readonly DirectoryUser[]) => users.map((u) => u.id);

describe('ownerChoices follows the record scope', () => {
  it.each([
    ['all', 'manager', ['director', 'manager', 'otherManager', 'otherRep', 'rep']],
    ['team', 'manager', ['manager', 'rep']],
    ['team', 'director', ['director', 'manager', 'otherManager', 'otherRep', 'rep']],
    ['own', 'rep', ['rep']],
    ['none', 'rep', ['rep']],
  ])('%s scope for %s', (scope, me, expected) => {
    expect(ids(ownerChoices(USERS, me, scope))).toEqual(expected);
  });
});

describe('periodFor', () => {
  const today = new Date('2026-05-31T15:00:00Z');
  it.each([
    ['30', '2026-05-02'],
    ['90', '2026-03-03'],
    ['365', '2025-06-01'],
    ['year', '2026-01-01'],
  ] as const)('%s ends today and starts on %s', (preset, from) => {
    expect(periodFor(preset, today)).toEqual({ preset, from, to: '2026-05-31' });
  });
});
