import path from 'node:path';
import type { EntityDefinition, FormDefinition } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { computeFormView, fieldErrorsByKey, missingRequired } from './form-view';

const b2b = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');

const ticket: EntityDefinition = {
  key: 'ticket',
  label: 'Ticket',
  pluralLabel: 'Tickets',
  fields: [
    { key: 'subject', label: 'Subject', type: 'text', required: true },
    {
      key: 'channel',
      label: 'Channel',
      type: 'enum',
      options: [
        { value: 'phone', label: 'Phone' },
        { value: 'web', label: 'Web' },
      ],
    },
    { key: 'caller_number', label: 'Caller number', type: 'phone', required: true },
    { key: 'resolution', label: 'Resolution', type: 'longText' },
    { key: 'score', label: 'Score', type: 'integer', readOnly: true },
  ],
  fieldGroups: [
    {
      key: 'phone_details',
      label: 'Phone',
      when: { field: 'channel', op: 'eq', value: 'phone' },
      fields: ['caller_number'],
    },
  ],
};

const form: FormDefinition = {
  key: 'ticket_main',
  entity: 'ticket',
  label: 'Ticket',
  sections: [
    {
      id: 'main',
      label: 'Main',
      columns: 2,
      fields: [
        { field: 'subject', span: 3 },
        { field: 'channel' },
        { field: 'caller_number' },
        { field: 'score' },
      ],
    },
    {
      id: 'closing',
      label: 'Closing',
      tab: 'Resolution',
      fields: [{ field: 'resolution', rules: [{ effect: 'require', stages: ['solved'] }] }],
      rules: [
        { effect: 'show', stages: ['solving', 'solved'] },
        { effect: 'lock', when: { field: 'channel', op: 'eq', value: 'web' } },
      ],
    },
  ],
};

describe('form view', () => {
  it('shows segment-dependent fields only while their group applies, and requires them only then', () => {
    const web = computeFormView(form, ticket, { record: { channel: 'web' } });
    const caller = web.sections[0]!.fields.find((f) => f.key === 'caller_number')!;
    expect(caller).toMatchObject({ visible: false, required: false });
    const phone = computeFormView(form, ticket, { record: { channel: 'phone' } });
    expect(phone.sections[0]!.fields.find((f) => f.key === 'caller_number')).toMatchObject({
      visible: true,
      required: true,
    });
    expect(missingRequired(phone, { channel: 'phone' }).map((f) => f.key)).toEqual([
      'subject',
      'caller_number',
    ]);
  });

  it('applies show, require and lock rules by stage and condition', () => {
    const early = computeFormView(form, ticket, { record: {}, stage: 'new' });
    expect(early.sections[1]!.visible).toBe(false);
    expect(early.tabs).toEqual(['Details']);
    const solved = computeFormView(form, ticket, { record: { channel: 'web' }, stage: 'solved' });
    expect(solved.tabs).toEqual(['Details', 'Resolution']);
    expect(solved.sections[1]!.fields[0]).toMatchObject({ visible: true, required: true, locked: true });
    const solving = computeFormView(form, ticket, { record: { channel: 'phone' }, stage: 'solving' });
    expect(solving.sections[1]!.fields[0]).toMatchObject({ required: false, locked: false });
  });

  it('clamps spans to the columns and locks read-only fields', () => {
    const view = computeFormView(form, ticket, { record: {} });
    expect(view.sections[0]!.fields[0]!.span).toBe(2);
    expect(view.sections[0]!.fields.find((f) => f.key === 'score')!.locked).toBe(true);
  });

  it('renders every shipped form against its entity', async () => {
    const solution = await loadSolutionFromDirectory(b2b);
    for (const f of solution.forms ?? []) {
      const entity = solution.entities?.find((e) => e.key === f.entity);
      expect(entity).toBeDefined();
      const view = computeFormView(f, entity!, { record: {} });
      expect(view.sections.length).toBe(f.sections.length);
      expect(view.sections.some((s) => s.visible)).toBe(true);
    }
  });

  it('maps problem+json errors to fields', () => {
    const map = fieldErrorsByKey([
      { message: 'Too big', pointer: '/data/amount' },
      { message: 'Needed', field: 'subject' },
      { message: 'General' },
    ]);
    expect(map.get('amount')).toEqual(['Too big']);
    expect(map.get('subject')).toEqual(['Needed']);
    expect(map.get('')).toEqual(['General']);
  });
});
