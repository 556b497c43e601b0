import type { ProblemEntry, StoredKind } from '@crm/definitions';
import { dependentDefinitions, describeDefinition, editorLink } from './publish-together';

const drafted: Record<StoredKind, Set<string>> = {
  entity: new Set(['account']),
  form: new Set(['account_main']),
  process: new Set(),
  mailTemplate: new Set(),
  role: new Set(),
  calendar: new Set(),
};

describe('definitions standing in the way of an entity publish', () => {
  it('groups the problems per other definition and says which have a draft', () => {
    const errors: ProblemEntry[] = [
      { kind: 'form', key: 'account_main', rule: 'unknown-field', message: 'Form uses depot_count.' },
      { kind: 'entity', key: 'account', rule: 'x', message: 'The entity itself.' },
      { kind: 'mailTemplate', key: 'welcome', rule: 'unknown-merge-field', message: 'Uses {{depot_count}}.' },
      { kind: 'form', key: 'account_main', rule: 'unknown-field', message: 'Rule reads depot_count.' },
      { rule: 'destructiveChange', message: 'No kind.' },
      { kind: 'solution', key: 'b2b', rule: 'x', message: 'Not a stored kind.' },
    ];
    expect(dependentDefinitions(errors, { kind: 'entity', key: 'account' }, drafted)).toEqual([
      {
        kind: 'form',
        key: 'account_main',
        drafted: true,
        messages: ['Form uses depot_count.', 'Rule reads depot_count.'],
      },
      { kind: 'mailTemplate', key: 'welcome', drafted: false, messages: ['Uses {{depot_count}}.'] },
    ]);
  });

  it.each<[StoredKind, string | null]>([
    ['form', '#/forms/a%20b'],
    ['mailTemplate', '#/mail/a%20b'],
    ['process', '#/process/a%20b'],
    ['entity', '#/entities/a%20b'],
    ['role', null],
    ['calendar', null],
  ])('links a %s to its editor', (kind, link) => {
    expect(editorLink({ kind, key: 'a b' })).toBe(link);
  });

  it('names a definition for people', () => {
    expect(describeDefinition({ kind: 'mailTemplate', key: 'welcome' })).toBe('Mail template welcome');
  });
});
