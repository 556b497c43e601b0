import type { EntityDefinition } from '../generated/entity.generated';
import { applyDerivations } from './derivations';
import { compileRecordSchema } from './compile-record-schema';
import { createRecordValidator, getRecordValidator, RecordValidatorCache } from './record-validator';

const UUID = '3f2c1a9e-8b7d-4c6e-9f01-23456789abcd';

const deal: EntityDefinition = {
  key: 'deal',
  label: 'Deal',
  pluralLabel: 'Deals',
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true, maxLength: 20, pattern: '^[A-Z]' },
    { key: 'notes', label: 'Notes', type: 'longText' },
    { key: 'score', label: 'Score', type: 'number', min: 0, max: 10 },
    { key: 'seats', label: 'Seats', type: 'integer', min: 1 },
    { key: 'amount', label: 'Amount', type: 'money', min: 0, currencies: ['EUR', 'USD'] },
    { key: 'discount', label: 'Discount', type: 'percent', max: 40 },
    { key: 'close_date', label: 'Close date', type: 'date', min: '2026-01-01' },
    { key: 'signed_at', label: 'Signed at', type: 'datetime' },
    { key: 'strategic', label: 'Strategic', type: 'boolean' },
    { key: 'email', label: 'E-mail', type: 'email' },
    { key: 'phone', label: 'Phone', type: 'phone' },
    { key: 'site', label: 'Website', type: 'url' },
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
      maxItems: 2,
      options: [
        { value: 'a', label: 'Product A' },
        { value: 'b', label: 'Product B' },
        { value: 'c', label: 'Product C' },
      ],
    },
    { key: 'account', label: 'Account', type: 'reference', entity: 'account' },
    { key: 'expert', label: 'Expert', type: 'user' },
    { key: 'turnover', label: 'Turnover', type: 'money', required: true },
    { key: 'sales_reps', label: 'Sales reps', type: 'integer' },
    {
      key: 'size',
      label: 'Size',
      type: 'enum',
      options: [
        { value: 'small', label: 'Small' },
        { value: 'large', label: 'Large' },
      ],
      derive: {
        cases: [{ when: { field: 'seats', op: 'gte', value: 100 }, value: 'large' }],
        otherwise: 'small',
      },
    },
  ],
  fieldGroups: [
    {
      key: 'distributor',
      label: 'Distributor parameters',
      when: { field: 'segment', op: 'eq', value: 'distributor' },
      fields: ['turnover', 'sales_reps'],
    },
  ],
};

const validate = createRecordValidator(deal);
const partial = createRecordValidator(deal, { partial: true });

describe('record validation per field type', () => {
  it('accepts a complete, valid record', () => {
    const data = {
      name: 'Acme',
      notes: 'Long\ntext',
      score: 9.5,
      seats: 12,
      amount: { amount: 1000, currency: 'EUR' },
      discount: 10,
      close_date: '2026-03-01',
      signed_at: '2026-03-01T10:00:00Z',
      strategic: true,
      email: 'buyer@acme.test',
      phone: '+33 1 23 45 67 89',
      site: 'https://acme.test',
      segment: 'corporate',
      products: ['a', 'b'],
      account: UUID,
      expert: UUID,
      sales_reps: null,
    };
    expect(validate(data)).toEqual({ ok: true, data });
  });

  it.each([
    ['text too long', { name: 'A'.repeat(21) }, 'name', 'maxLength', 'Name must have at most 20 characters.'],
    ['text pattern', { name: 'acme' }, 'name', 'pattern', 'Name is not in the expected format.'],
    ['empty required text', { name: '' }, 'name', 'required', 'Name is required.'],
    ['number above max', { score: 11 }, 'score', 'maximum', 'Score must be at most 10.'],
    ['integer with decimals', { seats: 1.5 }, 'seats', 'type', 'Seats must be a whole number.'],
    [
      'money below min',
      { amount: { amount: -1, currency: 'EUR' } },
      'amount',
      'minimum',
      'Amount must be at least 0.',
    ],
    [
      'money currency',
      { amount: { amount: 1, currency: 'GBP' } },
      'amount',
      'enum',
      'Amount must be in EUR, USD.',
    ],
    ['money as number', { amount: 5 }, 'amount', 'type', 'Amount must be an amount with a currency.'],
    ['percent above field max', { discount: 41 }, 'discount', 'maximum', 'Discount must be at most 40.'],
    [
      'date format',
      { close_date: '01/03/2026' },
      'close_date',
      'format',
      'Close date must be a date (YYYY-MM-DD).',
    ],
    [
      'date below min',
      { close_date: '2025-12-31' },
      'close_date',
      'minimum',
      'Close date must be on or after 2026-01-01.',
    ],
    [
      'datetime format',
      { signed_at: '2026-03-01' },
      'signed_at',
      'format',
      'Signed at must be a date and time.',
    ],
    ['boolean', { strategic: 'yes' }, 'strategic', 'type', 'Strategic must be yes or no.'],
    ['email', { email: 'nope' }, 'email', 'format', 'E-mail must be a valid e-mail address.'],
    ['phone', { phone: 'call me' }, 'phone', 'pattern', 'Phone is not in the expected format.'],
    ['url', { site: 'acme' }, 'site', 'format', 'Website must be a full web address (https://…).'],
    ['enum', { segment: 'retail' }, 'segment', 'enum', 'Segment must be one of Distributor, Corporate.'],
    [
      'multiEnum option',
      { products: ['z'] },
      'products',
      'enum',
      'Products must be one of Product A, Product B, Product C.',
    ],
    [
      'multiEnum max',
      { products: ['a', 'b', 'c'] },
      'products',
      'maxItems',
      'Products allows at most 2 choices.',
    ],
    [
      'multiEnum duplicate',
      { products: ['a', 'a'] },
      'products',
      'uniqueItems',
      'Products lists the same option twice.',
    ],
    ['reference', { account: 'acme' }, 'account', 'format', 'Account must be a valid record id.'],
    ['user', { expert: 42 }, 'expert', 'type', 'Expert must be text.'],
    ['unknown field', { colour: 'red' }, 'colour', 'unknownField', '“colour” is not a field of Deal.'],
    [
      'system field',
      { ownerId: UUID },
      'ownerId',
      'systemField',
      '“ownerId” is a system field and cannot be set.',
    ],
    [
      'derived field',
      { size: 'large' },
      'size',
      'readOnly',
      'Size is computed automatically and cannot be set.',
    ],
  ])('%s', (_case, patch, field, rule, message) => {
    const result = validate({ name: 'Acme', ...patch });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ field, rule, message });
    expect(result.errors.every((e) => e.field === field)).toBe(true);
  });

  it('reports every problem at once', () => {
    const result = validate({ score: 'high', colour: 'red' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.field}:${e.rule}`).sort()).toEqual([
      'colour:unknownField',
      'name:required',
      'score:type',
    ]);
  });

  it('refuses huge strings on fields without a limit', () => {
    const result = validate({ name: 'Acme', notes: 'x'.repeat(100_001) });
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'notes', rule: 'maxLength', message: 'Notes must have at most 100000 characters.' }],
    });
  });

  it('treats a __proto__ key as an unknown field and never touches prototypes', () => {
    const data: unknown = JSON.parse('{"name":"Acme","__proto__":{"polluted":true}}');
    const result = validate(data);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: '__proto__', rule: 'unknownField', message: '“__proto__” is not a field of Deal.' }],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('field groups', () => {
  it('requires group fields only while the group applies', () => {
    expect(validate({ name: 'Acme', segment: 'corporate' }).ok).toBe(true);
    expect(validate({ name: 'Acme', segment: 'distributor' })).toEqual({
      ok: false,
      errors: [{ field: 'turnover', rule: 'required', message: 'Turnover is required.' }],
    });
    expect(validate({ name: 'Acme', segment: 'distributor', turnover: null }).ok).toBe(false);
    expect(
      validate({ name: 'Acme', segment: 'distributor', turnover: { amount: 5, currency: 'EUR' } }).ok,
    ).toBe(true);
  });

  it('keeps group values while the group does not apply', () => {
    const data = {
      name: 'Acme',
      segment: 'corporate',
      turnover: { amount: 5, currency: 'EUR' },
      sales_reps: 3,
    };
    expect(validate(data)).toEqual({ ok: true, data });
  });
});

describe('partial validation', () => {
  it('requires nothing but still checks present values', () => {
    expect(partial({ score: 3 }).ok).toBe(true);
    expect(partial({ name: null }).ok).toBe(false);
    expect(partial({ score: 30 })).toEqual({
      ok: false,
      errors: [{ field: 'score', rule: 'maximum', message: 'Score must be at most 10.' }],
    });
    expect(compileRecordSchema(deal, { partial: true }).required).toBeUndefined();
  });
});

describe('derived fields', () => {
  it('computes the first matching case, else otherwise', () => {
    expect(applyDerivations(deal, { name: 'A', seats: 150 })).toEqual({
      name: 'A',
      seats: 150,
      size: 'large',
    });
    const input = { name: 'A', seats: 5, size: 'large' };
    expect(applyDerivations(deal, input)).toEqual({ name: 'A', seats: 5, size: 'small' });
    expect(input.size).toBe('large');
  });

  it('are accepted when the platform validates its own computed data', () => {
    const stored = createRecordValidator(deal, { includeDerived: true });
    expect(stored(applyDerivations(deal, { name: 'Acme', seats: 150 })).ok).toBe(true);
  });
});

describe('validator cache', () => {
  it('reuses validators per content hash and stays bounded', () => {
    expect(getRecordValidator(deal, 'hash-1')).toBe(getRecordValidator(deal, 'hash-1'));
    expect(getRecordValidator(deal, 'hash-1', { partial: true })).not.toBe(
      getRecordValidator(deal, 'hash-1'),
    );
    const cache = new RecordValidatorCache(2);
    const first = cache.get(deal, 'a');
    cache.get(deal, 'b');
    cache.get(deal, 'a');
    cache.get(deal, 'c');
    expect(cache.size).toBe(2);
    expect(cache.get(deal, 'a')).toBe(first);
  });
});
