import type { Condition } from '../generated/common.generated';
import type { EntityDefinition } from '../generated/entity.generated';
import { conditionToJsonSchema } from '../records/condition-schema';
import { createAjv } from '../validate/ajv';
import { conditionFieldPaths } from './condition-walk';
import { describeCondition } from './describe-condition';
import { evaluateCondition } from './evaluate-condition';
import type { ConditionContext } from './evaluate-condition';

const context: ConditionContext = {
  record: {
    name: 'Acme deal',
    discount: 15,
    amount: { amount: 12000, currency: 'EUR' },
    close_date: '2026-05-10',
    segment: 'distributor',
    products: ['a', 'c'],
    budget: '',
    tags: [],
    strategic: false,
  },
  related: { account: { segment: 'corporate', name: 'Acme' } },
  stage: 'proposal',
  ownerId: 'user-1',
};

const cases: Array<[string, Condition, boolean]> = [
  ['eq', { field: 'segment', op: 'eq', value: 'distributor' }, true],
  ['eq false boolean', { field: 'strategic', op: 'eq', value: false }, true],
  ['eq null on an unset field', { field: 'missing', op: 'eq', value: null }, true],
  ['ne', { field: 'segment', op: 'ne', value: 'corporate' }, true],
  ['ne on an unset field', { field: 'missing', op: 'ne', value: 'x' }, true],
  ['gt', { field: 'discount', op: 'gt', value: 10 }, true],
  ['gt equal', { field: 'discount', op: 'gt', value: 15 }, false],
  ['gte', { field: 'discount', op: 'gte', value: 15 }, true],
  ['lt', { field: 'discount', op: 'lt', value: 15 }, false],
  ['lte', { field: 'discount', op: 'lte', value: 15 }, true],
  ['money compares the amount', { field: 'amount', op: 'gte', value: 10000 }, true],
  ['dates compare as ISO strings', { field: 'close_date', op: 'lt', value: '2026-06-01' }, true],
  ['gt on an unset field', { field: 'missing', op: 'gt', value: 0 }, false],
  ['gt across types', { field: 'segment', op: 'gt', value: 3 }, false],
  ['in', { field: 'segment', op: 'in', value: ['distributor', 'corporate'] }, true],
  ['in with a multi-enum (any member)', { field: 'products', op: 'in', value: ['b', 'c'] }, true],
  ['notIn', { field: 'segment', op: 'notIn', value: ['corporate'] }, true],
  ['notIn on an unset field', { field: 'missing', op: 'notIn', value: ['x'] }, true],
  ['contains text', { field: 'name', op: 'contains', value: 'Acme' }, true],
  ['contains is case-sensitive', { field: 'name', op: 'contains', value: 'acme' }, false],
  ['contains a multi-enum member', { field: 'products', op: 'contains', value: 'c' }, true],
  ['contains on a number', { field: 'discount', op: 'contains', value: '1' }, false],
  ['isSet', { field: 'discount', op: 'isSet' }, true],
  ['isSet: empty string is not set', { field: 'budget', op: 'isSet' }, false],
  ['isSet: empty list is not set', { field: 'tags', op: 'isSet' }, false],
  ['isSet: false is set', { field: 'strategic', op: 'isSet' }, true],
  ['isNotSet: missing', { field: 'missing', op: 'isNotSet' }, true],
  ['related record field', { field: 'account.segment', op: 'eq', value: 'corporate' }, true],
  ['missing related record', { field: 'contact.email', op: 'isSet' }, false],
  ['$stage', { field: '$stage', op: 'in', value: ['proposal', 'negotiation'] }, true],
  ['$owner', { field: '$owner', op: 'eq', value: 'user-1' }, true],
  ['prototype keys are not fields', { field: 'constructor', op: 'isSet' }, false],
  [
    'all',
    {
      all: [
        { field: 'discount', op: 'gt', value: 10 },
        { field: 'segment', op: 'eq', value: 'distributor' },
      ],
    },
    true,
  ],
  ['all empty', { all: [] }, true],
  [
    'any',
    {
      any: [
        { field: 'discount', op: 'gt', value: 50 },
        { field: 'segment', op: 'eq', value: 'distributor' },
      ],
    },
    true,
  ],
  ['any empty', { any: [] }, false],
  ['not', { not: { field: 'budget', op: 'isSet' } }, true],
  [
    'nested groups from the language overview',
    {
      all: [
        { field: 'discount', op: 'gt', value: 10 },
        {
          any: [
            { field: 'account.segment', op: 'in', value: ['distributor', 'corporate'] },
            { not: { field: 'budget', op: 'isSet' } },
          ],
        },
      ],
    },
    true,
  ],
];

describe('evaluateCondition', () => {
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, context)).toBe(expected);
  });
});

const deal: EntityDefinition = {
  key: 'deal',
  label: 'Deal',
  pluralLabel: 'Deals',
  fields: [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'discount', label: 'Discount', type: 'percent' },
    { key: 'amount', label: 'Amount', type: 'money' },
    { key: 'close_date', label: 'Close date', type: 'date' },
    { key: 'strategic', label: 'Strategic', type: 'boolean' },
    { key: 'budget', label: 'Budget', type: 'text' },
    { key: 'tags', label: 'Tags', type: 'multiEnum', options: [{ value: 'x', label: 'X' }] },
    {
      key: 'segment',
      label: 'Segment',
      type: 'enum',
      options: [
        { value: 'distributor', label: 'Distributor' },
        { value: 'corporate', label: 'Corporate' },
      ],
    },
    {
      key: 'products',
      label: 'Products',
      type: 'multiEnum',
      options: ['a', 'b', 'c'].map((v) => ({ value: v, label: v.toUpperCase() })),
    },
    { key: 'account', label: 'Account', type: 'reference', entity: 'account' },
  ],
};

describe('conditions compiled to JSON Schema agree with evaluateCondition on own fields', () => {
  const ajv = createAjv();
  const local = cases.filter(([, condition]) => conditionToJsonSchema(condition, deal) !== undefined);
  it('covers most cases', () => expect(local.length).toBeGreaterThan(25));
  it.each(local)('%s', (_name, condition, expected) => {
    const schema = conditionToJsonSchema(condition, deal);
    expect(ajv.validate(schema ?? {}, context.record)).toBe(expected);
  });
});

describe('conditionFieldPaths and describeCondition', () => {
  const condition: Condition = {
    all: [
      { field: 'discount', op: 'gt', value: 10 },
      {
        any: [
          { field: 'account.segment', op: 'in', value: ['distributor'] },
          { not: { field: 'budget', op: 'isSet' } },
        ],
      },
      { field: '$stage', op: 'eq', value: 'proposal' },
    ],
  };

  it('lists the field paths a condition reads', () => {
    expect(conditionFieldPaths(condition)).toEqual(['discount', 'account.segment', 'budget']);
  });

  it.each<[Condition, string]>([
    [{ field: 'discount', op: 'gt', value: 10 }, 'Discount is greater than 10 %'],
    [
      { field: 'segment', op: 'in', value: ['distributor', 'corporate'] },
      'Segment is one of Distributor or Corporate',
    ],
    [{ field: 'name', op: 'contains', value: 'Acme' }, 'Name contains “Acme”'],
    [{ field: 'budget', op: 'isNotSet' }, 'Budget is empty'],
    [{ field: 'strategic', op: 'eq', value: true }, 'Strategic is yes'],
    [{ field: '$stage', op: 'eq', value: 'proposal' }, 'Stage is Proposal'],
    [
      condition,
      'Discount is greater than 10 % and (Account › Segment is one of “distributor” or not (Budget is filled in)) and Stage is Proposal',
    ],
  ])('describes %j', (c, text) => {
    const account: EntityDefinition = {
      key: 'account',
      label: 'Account',
      pluralLabel: 'Accounts',
      fields: [{ key: 'segment', label: 'Segment', type: 'text' }],
    };
    expect(describeCondition(c, deal, { entities: [account], stageLabels: { proposal: 'Proposal' } })).toBe(
      text,
    );
  });
});
