import path from 'node:path';
import { validateDefinition, type Condition, type EntityDefinition } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import {
  addGroup,
  assignableFields,
  removeField,
  removeGroup,
  renameField,
  segmentCondition,
  segmentRuleOf,
  setSegmentRule,
  toggleGroupField,
} from './field-groups';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
let entities: EntityDefinition[] = [];
let account: EntityDefinition;

beforeAll(async () => {
  entities = (await loadSolutionFromDirectory(B2B)).entities ?? [];
  const found = entities.find((e) => e.key === 'account');
  if (!found) throw new Error('the B2B solution has no account entity');
  account = found;
});

const problems = (entity: EntityDefinition) =>
  validateDefinition('entity', entity, {
    entities: entities.map((e) => (e.key === entity.key ? entity : e)),
  });

describe('segment rules', () => {
  it.each<[string, Condition, ReturnType<typeof segmentRuleOf>]>([
    [
      'eq one value',
      { field: 'segment', op: 'eq', value: 'corporate' },
      { field: 'segment', values: ['corporate'] },
    ],
    [
      'in several values',
      { field: 'segment', op: 'in', value: ['corporate', 'distributor'] },
      { field: 'segment', values: ['corporate', 'distributor'] },
    ],
    [
      'any of eqs on one field',
      {
        any: [
          { field: 'segment', op: 'eq', value: 'corporate' },
          { field: 'segment', op: 'in', value: ['distributor'] },
        ],
      },
      { field: 'segment', values: ['corporate', 'distributor'] },
    ],
    [
      'a one-item all',
      { all: [{ field: 'type', op: 'eq', value: 'client' }] },
      { field: 'type', values: ['client'] },
    ],
    ['not a segment: ne', { field: 'segment', op: 'ne', value: 'corporate' }, null],
    ['not a segment: numeric eq', { field: 'offices_count', op: 'eq', value: 3 }, null],
    ['not a segment: empty in', { field: 'segment', op: 'in', value: [] }, null],
    [
      'not a segment: any over two fields',
      {
        any: [
          { field: 'segment', op: 'eq', value: 'corporate' },
          { field: 'type', op: 'eq', value: 'client' },
        ],
      },
      null,
    ],
    [
      'not a segment: two-item all',
      {
        all: [
          { field: 'a', op: 'isSet' },
          { field: 'b', op: 'isSet' },
        ],
      },
      null,
    ],
    ['not a segment: not', { not: { field: 'segment', op: 'eq', value: 'corporate' } }, null],
  ])('%s', (_name, condition, expected) => {
    expect(segmentRuleOf(condition)).toEqual(expected);
  });

  it('reads every shipped group as a segment rule and writes it back unchanged', () => {
    for (const group of account.fieldGroups ?? []) {
      const rule = segmentRuleOf(group.when);
      expect(rule?.field).toBe('segment');
      expect(rule && segmentCondition(rule)).toEqual(group.when);
    }
  });

  it('writes eq for one value and in for several', () => {
    expect(segmentCondition({ field: 'segment', values: ['a'] })).toEqual({
      field: 'segment',
      op: 'eq',
      value: 'a',
    });
    expect(segmentCondition({ field: 'segment', values: ['a', 'b'] })).toEqual({
      field: 'segment',
      op: 'in',
      value: ['a', 'b'],
    });
  });
});

describe('editing field groups', () => {
  it('adds a group on the segment the other groups use, then it is valid once it holds a field', () => {
    const added = addGroup(account);
    const group = added.fieldGroups?.at(-1);
    expect(group).toMatchObject({
      key: 'distributor_parameters_2',
      when: { field: 'segment', op: 'eq', value: 'distributor' },
      fields: [],
    });
    expect(problems(added).length).toBeGreaterThan(0);
    const filled = toggleGroupField(added, 3, 'vat_id', true);
    expect(problems(filled)).toEqual([]);
  });

  it('offers only fields outside the other groups and never the switch itself', () => {
    const offered = assignableFields(account, 0).map((f) => f.key);
    expect(offered).toEqual(expect.arrayContaining(['annual_turnover', 'warehouse_area', 'vat_id']));
    expect(offered).not.toContain('segment');
    expect(offered).not.toContain('corporate_employees');
  });

  it('keeps the entity field order when fields are ticked in any order', () => {
    const base = { ...account, fieldGroups: [{ ...account.fieldGroups![0]!, fields: ['warehouse_area'] }] };
    const next = toggleGroupField(toggleGroupField(base, 0, 'vat_id', true), 0, 'name', true);
    expect(next.fieldGroups?.[0]?.fields).toEqual(['name', 'vat_id', 'warehouse_area']);
    expect(toggleGroupField(next, 0, 'vat_id', false).fieldGroups?.[0]?.fields).toEqual([
      'name',
      'warehouse_area',
    ]);
  });

  it('changing the switch drops unknown values, falls back to the first option and frees the switch field', () => {
    const moved = setSegmentRule(
      toggleGroupField(removeGroup(removeGroup(account, 2), 1), 0, 'type', true),
      0,
      { field: 'type', values: ['nope'] },
    );
    expect(moved.fieldGroups?.[0]?.when).toEqual({ field: 'type', op: 'eq', value: 'client' });
    expect(moved.fieldGroups?.[0]?.fields).not.toContain('type');
    expect(problems(moved)).toEqual([]);
  });

  it('removing the last group removes fieldGroups altogether', () => {
    const none = removeGroup(removeGroup(removeGroup(account, 0), 0), 0);
    expect(none).not.toHaveProperty('fieldGroups');
  });

  it('renaming a field renames it in its group, as title field and as a switch', () => {
    const renamed = renameField(
      renameField(account, 'warehouse_area', 'storage_area'),
      'segment',
      'client_segment',
    );
    expect(renamed.fieldGroups?.[0]?.fields).toContain('storage_area');
    expect(renamed.fieldGroups?.every((g) => segmentRuleOf(g.when)?.field === 'client_segment')).toBe(true);
    expect(renameField(account, 'name', 'title').titleField).toBe('title');
    // Other references to the field (derive rules, forms) are for the shared validation to report.
    const left = problems(renamed);
    expect(left.length).toBeGreaterThan(0); // the derived potential still reads segment
    expect(left.filter((p) => p.path.startsWith('/fieldGroups'))).toEqual([]);
  });

  it('removing a field takes it out of its group', () => {
    const at = account.fields.findIndex((f) => f.key === 'warehouse_area');
    const removed = removeField(account, at);
    expect(removed.fields.some((f) => f.key === 'warehouse_area')).toBe(false);
    expect(removed.fieldGroups?.[0]?.fields).toEqual([
      'annual_turnover',
      'sales_reps_count',
      'clients_count',
    ]);
  });
});
