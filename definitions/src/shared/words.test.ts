import { identifierWords } from './words';

describe('identifierWords', () => {
  it.each([
    ['sendMail', 'Send mail'],
    ['createTask', 'Create task'],
    ['requestApproval', 'Request approval'],
    ['updateRecord', 'Update record'],
    ['step2Done', 'Step2 done'],
    ['notify', 'Notify'],
    ['', ''],
  ])('%s → %s', (identifier, words) => {
    expect(identifierWords(identifier)).toBe(words);
  });
});
