import path from 'node:path';
import { validateDefinition, type EntityDefinition, type FieldDefinition } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { FIELD_TYPES, fieldSettings, readSetting, writeSetting, type SettingSpec } from './field-settings';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
const spec = (type: FieldDefinition['type'], prop: string): SettingSpec => {
  const found = fieldSettings(type).find((s) => s.prop === prop);
  if (!found) throw new Error(`${type} has no setting ${prop}`);
  return found;
};

let entities: EntityDefinition[];
beforeAll(async () => {
  entities = (await loadSolutionFromDirectory(B2B)).entities ?? [];
});

describe('field settings', () => {
  it('every setting offered for every type is a property the definition language accepts', () => {
    const deal = entities.find((e) => e.key === 'deal')!;
    for (const type of FIELD_TYPES) {
      for (const s of fieldSettings(type)) {
        const base = { key: 'probe', label: 'Probe', type } as Record<string, unknown>;
        if (type === 'enum' || type === 'multiEnum') base.options = [{ value: 'a', label: 'A' }];
        if (type === 'reference') base.entity = 'account';
        const sample: Record<SettingSpec['kind'], string | boolean> = {
          number: '5',
          integer: s.prop === 'maxLength' ? '50' : '1',
          // A default must suit the type.
          text: type === 'email' ? 'a@example.com' : type === 'url' ? 'https://example.com' : 'x',
          date: '2026-01-01',
          currencies: 'EUR',
          boolean: true,
          option: 'a',
        };
        const field = writeSetting(base as unknown as FieldDefinition, s, sample[s.kind]);
        const errors = validateDefinition(
          'entity',
          { ...deal, fields: [...deal.fields, field] },
          { entities },
        );
        expect({ type, prop: s.prop, errors }).toEqual({ type, prop: s.prop, errors: [] });
      }
    }
  });

  it.each<[FieldDefinition['type'], string, string | boolean, unknown]>([
    ['integer', 'max', '12', 12],
    ['number', 'min', '-2.5', -2.5],
    ['number', 'min', '', undefined],
    ['number', 'min', '1e', undefined],
    ['money', 'currencies', 'eur, usd;EUR  gbp', ['EUR', 'USD', 'GBP']],
    ['money', 'currencies', ' , ', undefined],
    ['text', 'pattern', '^[A-Z]{2}$', '^[A-Z]{2}$'],
    ['text', 'helpText', '   ', undefined],
    ['boolean', 'default', true, true],
    ['boolean', 'readOnly', false, undefined],
    ['date', 'max', '2026-12-31', '2026-12-31'],
  ])('%s %s from %j', (type, prop, raw, expected) => {
    const field = writeSetting(
      { key: 'f', label: 'F', type, max: 99, min: 1 } as unknown as FieldDefinition,
      spec(type, prop),
      raw,
    );
    expect((field as unknown as Record<string, unknown>)[prop]).toEqual(expected);
  });

  it('reads settings back as the inputs show them', () => {
    const money = {
      key: 'm',
      label: 'M',
      type: 'money',
      currencies: ['EUR', 'USD'],
      min: 0,
    } as FieldDefinition;
    expect(readSetting(money, spec('money', 'currencies'))).toBe('EUR, USD');
    expect(readSetting(money, spec('money', 'min'))).toBe('0');
    expect(readSetting(money, spec('money', 'max'))).toBe('');
    expect(readSetting(money, spec('money', 'readOnly'))).toBe(false);
  });
});
