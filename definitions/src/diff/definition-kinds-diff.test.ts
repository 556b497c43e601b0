import { loadB2bSolution } from './b2b-fixture';
import type { DefinitionChange, DiffDefinitionByKind, DiffDefinitionKind } from './diff.types';
import { diffDefinitions } from './diff-definitions';

const solution = loadB2bSolution();
const context = {
  entities: solution.entities,
  processes: solution.processes,
  mailTemplates: solution.mailTemplates,
};

function pick<K extends DiffDefinitionKind>(
  list: readonly DiffDefinitionByKind[K][],
  key: string,
): DiffDefinitionByKind[K] {
  const found = list.find((d) => d.key === key);
  if (!found) throw new Error(`fixture has no ${key}`);
  return found;
}

function edited<T>(base: T, edit: (copy: T) => void): T {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const dealForm = pick<'form'>(solution.forms, 'deal_main');
const proposalMail = pick<'mailTemplate'>(solution.mailTemplates, 'proposal_distributor');
const rep = pick<'role'>(solution.roles, 'rep');
const calendar = pick<'calendar'>(solution.calendars, 'default');

type Row = {
  [K in DiffDefinitionKind]: [string, K, DiffDefinitionByKind[K], DiffDefinitionByKind[K], string[]];
}[DiffDefinitionKind];

const rows: Row[] = [
  ['an unchanged form', 'form', dealForm, structuredClone(dealForm), []],
  [
    'form sections, placed fields and rules',
    'form',
    dealForm,
    edited(dealForm, (f) => {
      const [basics, needs] = f.sections;
      if (!basics || !needs) throw new Error('sections exist');
      needs.rules = needs.rules?.filter((r) => r.effect !== 'require') as typeof needs.rules;
      needs.columns = 3;
      basics.fields.push({ field: 'account.segment' });
      f.sections.push({ id: 'notes', label: 'Notes', fields: [{ field: 'lost_comment' }] });
    }),
    [
      'Section “Notes” added',
      'Section “Basics”: field “Account › Segment” added',
      'Section “Needs card”: columns 2 → 3',
      'Section “Needs card”: rule removed: require in Needs analysis',
    ],
  ],
  [
    'a mail template gate and subject',
    'mailTemplate',
    proposalMail,
    edited(proposalMail, (m) => {
      m.subject = 'Proposal for {{account.name}}';
      if (m.gate) m.gate.stages = ['proposal'];
      m.body = `${m.body}<p>PS</p>`;
    }),
    [
      'Mail template “Proposal (distributors)”: subject “Partnership proposal for {{account.name}}” → “Proposal for {{account.name}}”',
      'Mail template “Proposal (distributors)”: body changed',
      'Mail template “Proposal (distributors)”: allowed in stages Proposal, Negotiation → Proposal',
    ],
  ],
  [
    'a mail template unlocked',
    'mailTemplate',
    proposalMail,
    edited(proposalMail, (m) => delete m.gate),
    ['Mail template “Proposal (distributors)”: no longer locked'],
  ],
  [
    'role scope and capabilities',
    'role',
    rep,
    edited(rep, (r) => {
      r.recordScope = 'team';
      r.capabilities = ['records.read', 'analytics.read'];
    }),
    [
      'Role “Sales rep”: sees records own → team',
      'Role “Sales rep”: may now read analytics',
      'Role “Sales rep”: may no longer write records',
    ],
  ],
  [
    'calendar hours and holidays',
    'calendar',
    calendar,
    edited(calendar, (c) => {
      c.workingHours.friday = [{ start: '09:00', end: '15:00' }];
      c.workingHours.saturday = [{ start: '10:00', end: '13:00' }];
      c.holidays = [...(c.holidays ?? []).filter((d) => d !== '2026-05-01'), '2026-12-24'];
    }),
    [
      'Calendar “Office hours Berlin”: Friday 09:00–18:00 → 09:00–15:00',
      'Calendar “Office hours Berlin”: Saturday not worked → 10:00–13:00',
      'Calendar “Office hours Berlin”: holiday 2026-12-24 added',
      'Calendar “Office hours Berlin”: holiday 2026-05-01 removed',
    ],
  ],
];

describe('diffDefinitions for forms, mail templates, roles and calendars', () => {
  it.each(rows)('reports %s', (_name, kind, before, after, expected) => {
    const changes: DefinitionChange[] = diffDefinitions(kind, before, after, context);
    expect(changes.map((c) => c.message)).toEqual(expected);
    expect(changes.every((c) => c.kind === kind && c.key === before.key && c.severity === 'info')).toBe(true);
  });

  it.each<[string, DefinitionChange[], DefinitionChange[]]>([
    [
      'Form “Deal”',
      diffDefinitions('form', undefined, dealForm),
      diffDefinitions('form', dealForm, undefined),
    ],
    [
      'Mail template “Proposal (distributors)”',
      diffDefinitions('mailTemplate', undefined, proposalMail),
      diffDefinitions('mailTemplate', proposalMail, undefined),
    ],
    ['Role “Sales rep”', diffDefinitions('role', undefined, rep), diffDefinitions('role', rep, undefined)],
    [
      'Calendar “Office hours Berlin”',
      diffDefinitions('calendar', undefined, calendar),
      diffDefinitions('calendar', calendar, undefined),
    ],
  ])('reports %s added and removed', (name, added, removed) => {
    expect(added).toEqual([expect.objectContaining({ path: '', change: 'added', message: `${name} added` })]);
    expect(removed).toEqual([
      expect.objectContaining({ path: '', change: 'removed', message: `${name} removed` }),
    ]);
  });
});
