import type { EntityDefinition, FieldDefinition } from '../generated/entity.generated';
import { loadB2bSolution } from './b2b-fixture';
import type { DefinitionChange } from './diff.types';
import { diffDefinitions } from './diff-definitions';
import { destructiveFieldChanges } from './entity-diff';

const solution = loadB2bSolution();
const entity = (key: string): EntityDefinition => {
  const found = solution.entities.find((e) => e.key === key);
  if (!found) throw new Error(`fixture has no entity ${key}`);
  return found;
};
const deal = entity('deal');
const account = entity('account');
const context = { entities: solution.entities };
const at = (e: EntityDefinition, key: string): number => e.fields.findIndex((f) => f.key === key);

function field(e: EntityDefinition, key: string): FieldDefinition {
  const found = e.fields.find((f) => f.key === key);
  if (!found) throw new Error(`fixture has no field ${key}`);
  return found;
}

function edited(base: EntityDefinition, edit: (copy: EntityDefinition) => void): EntityDefinition {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

function withoutField(e: EntityDefinition, key: string): void {
  e.fields = e.fields.filter((f) => f.key !== key) as EntityDefinition['fields'];
}

type Expected = Pick<DefinitionChange, 'path' | 'change' | 'severity' | 'message'>;
const info = (path: string, change: DefinitionChange['change'], message: string): Expected => ({
  path,
  change,
  severity: 'info',
  message,
});
const destructive = (path: string, change: DefinitionChange['change'], message: string): Expected => ({
  path,
  change,
  severity: 'destructive',
  message,
});

const cases: [string, EntityDefinition | undefined, EntityDefinition | undefined, Expected[]][] = [
  ['an unchanged entity', deal, structuredClone(deal), []],
  ['a new entity', undefined, deal, [info('', 'added', 'Entity “Deal” added')]],
  ['a deleted entity', deal, undefined, [destructive('', 'removed', 'Entity “Deal” removed')]],
  [
    'a lowered maximum',
    deal,
    edited(deal, (d) => Object.assign(field(d, 'discount'), { max: 30 })),
    [info(`/fields/${at(deal, 'discount')}/max`, 'changed', 'Field “Discount”: max 40 → 30')],
  ],
  [
    'a removed field',
    deal,
    edited(deal, (d) => withoutField(d, 'budget')),
    [destructive(`/fields/${at(deal, 'budget')}`, 'removed', 'Field “Budget” removed')],
  ],
  [
    'an added field and a new minimum',
    deal,
    edited(deal, (d) => {
      d.fields.push({ key: 'margin', label: 'Margin', type: 'percent', min: 0 });
      Object.assign(field(d, 'amount'), { min: 100 });
    }),
    [
      info(`/fields/${deal.fields.length}`, 'added', 'Field “Margin” added'),
      info(`/fields/${at(deal, 'amount')}/min`, 'changed', 'Field “Amount”: min 0 → 100'),
    ],
  ],
  [
    'a changed type',
    deal,
    edited(deal, (d) => {
      d.fields[at(d, 'budget')] = { key: 'budget', label: 'Budget', type: 'number', min: 0 };
    }),
    [
      destructive(`/fields/${at(deal, 'budget')}/type`, 'changed', 'Field “Budget”: type Money → Number'),
      info(
        `/fields/${at(deal, 'budget')}/currencies`,
        'changed',
        'Field “Budget”: currencies EUR, USD removed',
      ),
    ],
  ],
  [
    'a reference to another entity',
    deal,
    edited(deal, (d) => Object.assign(field(d, 'contact'), { entity: 'lead' })),
    [
      destructive(
        `/fields/${at(deal, 'contact')}/entity`,
        'changed',
        'Field “Contact”: refers to “Contact” → “Lead”',
      ),
    ],
  ],
  [
    'flags, label and help text',
    deal,
    edited(deal, (d) => {
      Object.assign(field(d, 'expected_close_date'), { required: true, label: 'Close date' });
      Object.assign(field(d, 'amount'), { indexed: false });
      Object.assign(field(d, 'pains'), { helpText: 'In their words.' });
    }),
    [
      info(`/fields/${at(deal, 'amount')}/indexed`, 'changed', 'Field “Amount”: no longer indexed'),
      info(
        `/fields/${at(deal, 'expected_close_date')}/label`,
        'changed',
        'Field “Expected close date” renamed to “Close date”',
      ),
      info(
        `/fields/${at(deal, 'expected_close_date')}/required`,
        'changed',
        'Field “Expected close date”: now required',
      ),
      info(`/fields/${at(deal, 'pains')}/helpText`, 'changed', 'Field “Pains”: help text changed'),
    ],
  ],
  [
    'enum options added, removed and renamed',
    account,
    edited(account, (a) => {
      const segment = field(a, 'segment');
      if (segment.type !== 'enum') throw new Error('segment is an enum');
      segment.options = [
        { value: 'distributor', label: 'Distributor', color: '#2563eb' },
        { value: 'corporate', label: 'Corporate', color: '#7c3aed' },
        { value: 'reseller', label: 'Reseller' },
      ];
    }),
    [
      info(
        `/fields/${at(account, 'segment')}/options/2`,
        'added',
        'Field “Segment”: option “Reseller” added',
      ),
      info(
        `/fields/${at(account, 'segment')}/options/2`,
        'removed',
        'Field “Segment”: option “Small business” removed',
      ),
      info(
        `/fields/${at(account, 'segment')}/options/1/label`,
        'changed',
        'Field “Segment”: option “Corporate end customer” renamed to “Corporate”',
      ),
    ],
  ],
  [
    'a derivation and a field group',
    account,
    edited(account, (a) => {
      Object.assign(field(a, 'potential'), { derive: { cases: [{ when: { all: [] }, value: 'A' }] } });
      const group = a.fieldGroups?.[0];
      if (!group) throw new Error('account has field groups');
      group.when = { field: 'segment', op: 'in', value: ['distributor', 'corporate'] };
      group.fields = ['annual_turnover', 'sales_reps_count', 'clients_count'];
    }),
    [
      info(`/fields/${at(account, 'potential')}/derive`, 'changed', 'Field “Potential”: derivation changed'),
      info(
        '/fieldGroups/0/when',
        'changed',
        'Field group “Distributor parameters”: applies when Segment is Distributor → Segment is one of Distributor or Corporate end customer',
      ),
      info(
        '/fieldGroups/0/fields/3',
        'removed',
        'Field group “Distributor parameters”: field “Warehouse area (m²)” removed',
      ),
    ],
  ],
];

describe('diffDefinitions(entity)', () => {
  it.each(cases)('reports %s', (_name, before, after, expected) => {
    const changes = diffDefinitions('entity', before, after, context);
    expect(
      changes.map(({ path, change, severity, message }) => ({ path, change, severity, message })),
    ).toEqual(expected);
    for (const c of changes) expect(c).toMatchObject({ kind: 'entity', key: (after ?? before)?.key });
  });
});

describe('destructiveFieldChanges', () => {
  it.each<[string, EntityDefinition, ReturnType<typeof destructiveFieldChanges>]>([
    ['nothing for an unchanged entity', structuredClone(deal), []],
    [
      'nothing for new fields and tighter limits',
      edited(deal, (d) => Object.assign(field(d, 'discount'), { max: 20 })),
      [],
    ],
    [
      'removed and retyped fields',
      edited(deal, (d) => {
        withoutField(d, 'pains');
        d.fields[at(d, 'timeline')] = { key: 'timeline', label: 'Timeline', type: 'date' };
        Object.assign(field(d, 'account'), { entity: 'lead' });
      }),
      [
        { fieldKey: 'pains', change: 'removed', from: 'longText', to: null },
        { fieldKey: 'account', change: 'retyped', from: 'reference', to: 'reference' },
        { fieldKey: 'timeline', change: 'retyped', from: 'enum', to: 'date' },
      ],
    ],
  ])('finds %s', (_name, after, expected) => {
    expect(destructiveFieldChanges(deal, after)).toEqual(expected);
  });
});
