import { resolveTemplate } from './actions';
import type { TemplateChoice } from './definition-types';
import { isFilled, readFieldPath } from './record-view';
import { record } from './test-helpers';

describe('resolveTemplate', () => {
  const bySegment: TemplateChoice = {
    cases: [
      {
        when: { field: 'account.segment', op: 'eq', value: 'distributor' },
        template: 'proposal_distributor',
      },
      {
        when: { field: 'account.segment', op: 'in', value: ['corporate', 'public'] },
        template: 'proposal_corporate',
      },
    ],
    otherwise: 'proposal_default',
  };

  it.each([
    ['a plain key', 'welcome', undefined, 'welcome'],
    ['the first case that holds', bySegment, 'distributor', 'proposal_distributor'],
    ['a later case', bySegment, 'public', 'proposal_corporate'],
    ['the fallback', bySegment, 'small_business', 'proposal_default'],
    ['nothing without a fallback', { cases: bySegment.cases }, 'small_business', undefined],
  ])('%s', (_case, choice, segment, expected) => {
    expect(resolveTemplate(choice, record({}, { account: { segment } }))).toBe(expected);
  });
});

describe('record view', () => {
  it.each([
    ['name', 'Deal'],
    ['account.segment', 'corporate'],
    ['account.missing', undefined],
    ['contact.email', undefined],
    ['toString', undefined],
  ])('reads %s', (path, expected) => {
    expect(readFieldPath(record({ name: 'Deal' }, { account: { segment: 'corporate' } }), path)).toBe(
      expected,
    );
  });

  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    ['   ', false],
    [[], false],
    [{ amount: null, currency: 'EUR' }, false],
    [{ amount: 0, currency: 'EUR' }, true],
    [0, true],
    [false, true],
    ['x', true],
    [['a'], true],
  ])('%p is filled: %p', (value, expected) => {
    expect(isFilled(value)).toBe(expected);
  });
});
