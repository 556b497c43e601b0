import path from 'node:path';
import { destructiveFieldChanges, type EntityDefinition, type ProblemEntry } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import {
  affectedFields,
  migrationFor,
  resolvePrompt,
  restoreFields,
  totalRecords,
  type AffectedField,
} from './destructive-change';
import { removeField } from './field-groups';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
let account: EntityDefinition;

beforeAll(async () => {
  const found = (await loadSolutionFromDirectory(B2B)).entities?.find((e) => e.key === 'account');
  if (!found) throw new Error('the B2B solution has no account entity');
  account = found;
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
      },
      { field: 'vat_id', label: 'VAT ID', change: 'retyped', from: 'text', to: 'number', records: 1 },
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
      missing: ['warehouse_area'],
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
