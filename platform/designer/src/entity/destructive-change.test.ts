import path from 'node:path';
import { destructiveFieldChanges, type EntityDefinition, type ProblemEntry } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import {
  affectedFields,
  incompleteChoice,
  migrationFor,
  migrationReport,
  moveTargets,
  resolvePrompt,
  restoreFields,
  totalRecords,
  type AffectedField,
  type MoveTarget,
} from './destructive-change';
import { removeField, renameField } from './field-groups';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
let account: EntityDefinition;
let deal: EntityDefinition;

beforeAll(async () => {
  const entities = (await loadSolutionFromDirectory(B2B)).entities ?? [];
  const find = (key: string) => {
    const found = entities.find((e) => e.key === key);
    if (!found) throw new Error(`the B2B solution has no ${key} entity`);
    return found;
  };
  account = find('account');
  deal = find('deal');
});

/** The draft: warehouse area removed (it is in the distributor group), VAT id made a number. */
function draftOf(published: EntityDefinition): EntityDefinition {
  const removed = removeField(
    published,
    published.fields.findIndex((f) => f.key === 'warehouse_area'),
  );
  return {
    ...removed,
    fields: removed.fields.map((f) =>
      f.key === 'vat_id' ? { key: 'vat_id', label: 'VAT id', type: 'number' } : f,
    ),
  };
}

/** The refusal exactly as the API words it (platform/api/src/definitions/data-migration.ts). */
function refusal(field: string, what: string, count: number, key = 'account'): ProblemEntry {
  return {
    kind: 'entity',
    key,
    field,
    rule: 'destructiveChange',
    message: `This version ${what} the field ${field}, which holds data in ${count} records. Add { "migration": { "${field}": "clear" } } to clear it.`,
  };
}

describe('the records-affected prompt', () => {
  it('lists each refused field with its change and its count, ignoring other entities and rules', () => {
    const draft = draftOf(account);
    const fields = affectedFields(
      [
        refusal('warehouse_area', 'removes', 7),
        refusal('vat_id', 'changes the type (text → number) of', 1),
        refusal('name', 'removes', 3, 'deal'),
        { rule: 'unknown-field', field: 'x', message: 'something else' },
      ],
      account,
      draft,
    );
    expect(fields).toEqual<AffectedField[]>([
      {
        field: 'warehouse_area',
        label: 'Warehouse area (m²)',
        change: 'removed',
        from: 'number',
        to: null,
        records: 7,
        targets: [],
      },
      {
        field: 'vat_id',
        label: 'VAT ID',
        change: 'retyped',
        from: 'text',
        to: 'number',
        records: 1,
        targets: [],
      },
    ]);
    expect(totalRecords(fields)).toBe(8);
  });

  it('says "unknown" rather than guessing when the API gives no count', () => {
    const fields = affectedFields(
      [
        {
          kind: 'entity',
          key: 'account',
          field: 'warehouse_area',
          rule: 'destructiveChange',
          message: 'Refused.',
        },
      ],
      account,
      draftOf(account),
    );
    expect(fields[0]?.records).toBeNull();
    expect(totalRecords(fields)).toBeNull();
  });

  it('sends only the cleared fields as the migration, per entity', () => {
    expect(migrationFor('account', { warehouse_area: 'clear', vat_id: 'keep' })).toEqual({
      account: { warehouse_area: 'clear' },
    });
    expect(migrationFor('account', { vat_id: 'keep' })).toBeUndefined();
  });

  it('waits until every field has a choice', () => {
    const draft = draftOf(account);
    const fields = affectedFields([refusal('warehouse_area', 'removes', 7)], account, draft);
    expect(resolvePrompt(draft, account, fields, {})).toEqual({
      kind: 'incomplete',
      fields: ['warehouse_area'],
      message: 'Choose what happens to the values of Warehouse area (m²).',
    });
  });

  it('clearing one field and keeping the other restores the kept one and leaves one destructive change', () => {
    const draft = draftOf(account);
    const fields = affectedFields(
      [refusal('warehouse_area', 'removes', 7), refusal('vat_id', 'changes the type (text → number) of', 1)],
      account,
      draft,
    );
    const outcome = resolvePrompt(draft, account, fields, { warehouse_area: 'clear', vat_id: 'keep' });
    if (outcome.kind !== 'publish') throw new Error('expected a publish');
    expect(outcome.migration).toEqual({ account: { warehouse_area: 'clear' } });
    expect(destructiveFieldChanges(account, outcome.entity)).toEqual([
      { fieldKey: 'warehouse_area', change: 'removed', from: 'number', to: null },
    ]);
  });

  it('keeping a removed field puts it back where it was and into its old group', () => {
    const draft = draftOf(account);
    const restored = restoreFields(draft, account, ['warehouse_area', 'vat_id']);
    expect(restored.fields.map((f) => f.key)).toEqual(account.fields.map((f) => f.key));
    expect(restored.fields).toEqual(account.fields);
    expect(restored.fieldGroups).toEqual(account.fieldGroups);
    expect(destructiveFieldChanges(account, restored)).toEqual([]);
  });

  it('keeping every field publishes without a migration', () => {
    const draft = draftOf(account);
    const fields = affectedFields([refusal('warehouse_area', 'removes', 7)], account, draft);
    const outcome = resolvePrompt(draft, account, fields, { warehouse_area: 'keep' });
    expect(outcome).toMatchObject({ kind: 'publish', migration: undefined });
  });
});

/** The draft: clients count renamed to client_count, and three new fields. */
function renamedDraft(published: EntityDefinition): EntityDefinition {
  const renamed = renameField(published, 'clients_count', 'client_count');
  return {
    ...renamed,
    fields: [
      ...renamed.fields,
      { key: 'fleet_size', label: 'Fleet size', type: 'integer' },
      { key: 'depot_area', label: 'Depot area', type: 'number' },
      { key: 'rating', label: 'Rating', type: 'enum', options: [{ value: 'gold', label: 'Gold' }] },
    ],
  };
}

const keys = (targets: readonly MoveTarget[]) => targets.map((t) => t.key);

describe('moving the values of a removed field', () => {
  it('offers the new fields of the same type, never a published one nor one of another type', () => {
    const draft = renamedDraft(account);
    // Other integer fields (sales reps, offices…) are published: moving into them would overwrite data.
    expect(moveTargets('clients_count', account, draft)).toEqual<MoveTarget[]>([
      { key: 'client_count', label: 'Number of clients', caption: 'Number of clients (client_count)' },
      { key: 'fleet_size', label: 'Fleet size', caption: 'Fleet size' },
    ]);
  });

  it('offers no derived field: its values are computed', () => {
    const potential = account.fields.find((f) => f.key === 'potential');
    if (potential?.type !== 'enum' || !potential.derive) throw new Error('potential is a derived enum');
    const draft = removeField(
      { ...account, fields: [...account.fields, { ...potential, key: 'potential_class' }] },
      account.fields.indexOf(potential),
    );
    expect(moveTargets('potential', account, draft)).toEqual([]);
    const { derive: _computed, ...entered } = potential;
    const plain = {
      ...draft,
      fields: [...draft.fields.slice(0, -1), { ...entered, key: 'potential_class' }],
    };
    expect(keys(moveTargets('potential', account, plain))).toEqual(['potential_class']);
  });

  it('offers nothing for a retyped field, a kept field or a key the published version lacks', () => {
    const draft = renamedDraft(draftOf(account));
    expect(moveTargets('vat_id', account, draft)).toEqual([]);
    expect(moveTargets('offices_count', account, draft)).toEqual([]);
    expect(moveTargets('no_such_field', account, draft)).toEqual([]);
  });

  it('offers an enum with other options (the API checks the stored values against them)', () => {
    const draft = removeField(
      renamedDraft(account),
      account.fields.findIndex((f) => f.key === 'potential'),
    );
    expect(keys(moveTargets('potential', account, draft))).toEqual(['rating']);
  });

  it('offers a reference only to the same entity', () => {
    const draft: EntityDefinition = {
      ...deal,
      fields: [
        ...deal.fields.filter((f) => f.key !== 'contact'),
        { key: 'customer', label: 'Customer', type: 'reference', entity: 'account' },
        { key: 'signatory', label: 'Signatory', type: 'reference', entity: 'contact' },
      ],
    };
    expect(keys(moveTargets('contact', deal, draft))).toEqual(['signatory']);
  });

  it('shows the keys of candidates whose labels repeat', () => {
    const draft = removeField(
      {
        ...account,
        fields: [
          ...account.fields,
          { key: 'storage_area', label: 'Area', type: 'number' },
          { key: 'yard_area', label: 'Area', type: 'number' },
          { key: 'depot_area', label: 'Depot area', type: 'number' },
        ],
      },
      account.fields.findIndex((f) => f.key === 'warehouse_area'),
    );
    expect(moveTargets('warehouse_area', account, draft).map((t) => t.caption)).toEqual([
      'Area (storage_area)',
      'Area (yard_area)',
      'Depot area',
    ]);
  });

  it('lists the targets with each affected field', () => {
    const draft = renamedDraft(draftOf(account));
    const fields = affectedFields(
      [refusal('clients_count', 'removes', 4), refusal('warehouse_area', 'removes', 7)],
      account,
      draft,
    );
    expect(fields.map((f) => [f.field, keys(f.targets)])).toEqual([
      ['clients_count', ['client_count', 'fleet_size']],
      ['warehouse_area', ['depot_area']],
    ]);
  });

  it('sends a move as { moveTo } beside the cleared fields', () => {
    expect(
      migrationFor('account', {
        clients_count: { moveTo: 'client_count' },
        warehouse_area: 'clear',
        vat_id: 'keep',
      }),
    ).toEqual({ account: { clients_count: { moveTo: 'client_count' }, warehouse_area: 'clear' } });
  });

  it('publishes the renamed draft as it is, with the move as its migration', () => {
    const draft = renamedDraft(account);
    const fields = affectedFields([refusal('clients_count', 'removes', 4)], account, draft);
    expect(resolvePrompt(draft, account, fields, { clients_count: { moveTo: 'client_count' } })).toEqual({
      kind: 'publish',
      entity: draft,
      migration: { account: { clients_count: { moveTo: 'client_count' } } },
    });
  });

  it('refuses two fields moving into one target, and a target that is not offered', () => {
    const draft = removeField(
      renamedDraft(account),
      account.fields.findIndex((f) => f.key === 'offices_count'),
    );
    const fields = affectedFields(
      [refusal('clients_count', 'removes', 4), refusal('offices_count', 'removes', 2)],
      account,
      draft,
    );
    expect(
      resolvePrompt(draft, account, fields, {
        clients_count: { moveTo: 'fleet_size' },
        offices_count: { moveTo: 'fleet_size' },
      }),
    ).toEqual({
      kind: 'incomplete',
      fields: ['clients_count', 'offices_count'],
      message:
        'Number of clients and Number of offices cannot both move to Fleet size: choose another field for one of them, or clear its values.',
    });
    expect(
      incompleteChoice(fields, {
        clients_count: { moveTo: 'client_count' },
        offices_count: { moveTo: 'fleet_size' },
      }),
    ).toBeNull();
    expect(
      incompleteChoice(fields, { clients_count: { moveTo: 'sales_reps_count' }, offices_count: 'clear' }),
    ).toEqual({
      fields: ['clients_count'],
      message:
        'The values of Number of clients cannot move to sales_reps_count: choose a new field of the same type.',
    });
  });

  it('names every field still without a choice', () => {
    const draft = renamedDraft(draftOf(account));
    const fields = affectedFields(
      [
        refusal('clients_count', 'removes', 4),
        refusal('warehouse_area', 'removes', 7),
        refusal('vat_id', 'changes the type (text → number) of', 1),
      ],
      account,
      draft,
    );
    expect(incompleteChoice(fields, { warehouse_area: 'clear' })).toEqual({
      fields: ['clients_count', 'vat_id'],
      message: 'Choose what happens to the values of Number of clients and VAT ID.',
    });
  });
});

describe('what the publish did', () => {
  const fields: AffectedField[] = [
    {
      field: 'fleet_size',
      label: 'Fleet size',
      change: 'removed',
      from: 'integer',
      to: null,
      records: 3,
      targets: [{ key: 'vehicle_count', label: 'Vehicle count', caption: 'Vehicle count' }],
    },
    {
      field: 'warehouse_area',
      label: 'Warehouse area (m²)',
      change: 'removed',
      from: 'number',
      to: null,
      records: 1,
      targets: [],
    },
    {
      field: 'vat_id',
      label: 'VAT ID',
      change: 'retyped',
      from: 'text',
      to: 'number',
      records: 2,
      targets: [],
    },
  ];
  const choices = {
    fleet_size: { moveTo: 'vehicle_count' },
    warehouse_area: 'clear',
    vat_id: 'keep',
  } as const;

  it('says what moved, what was cleared and what was kept, with the counts of the publish answer', () => {
    expect(
      migrationReport(fields, choices, [
        { field: 'fleet_size', action: 'move', records: 4, to: 'vehicle_count' },
        { field: 'warehouse_area', action: 'clear', records: 1 },
      ]),
    ).toEqual([
      'Moved Fleet size to Vehicle count in 4 records.',
      'Cleared Warehouse area (m²) in 1 record.',
      'Kept VAT ID as published.',
    ]);
  });

  it('counts a field the answer leaves out as none, and uses the prompt counts without an answer', () => {
    expect(migrationReport(fields, choices, [{ field: 'fleet_size', action: 'move', records: 3 }])).toContain(
      'Cleared Warehouse area (m²) in 0 records.',
    );
    expect(migrationReport(fields, choices)).toEqual([
      'Moved Fleet size to Vehicle count in 3 records.',
      'Cleared Warehouse area (m²) in 1 record.',
      'Kept VAT ID as published.',
    ]);
  });
});
