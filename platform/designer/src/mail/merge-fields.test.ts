import path from 'node:path';
import {
  createRecordValidator,
  validateDefinition,
  type EntityDefinition,
  type MailTemplateDefinition,
  type Solution,
} from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { previewDocument, previewGate, previewTemplate } from './mail-preview';
import { filterCatalogue, insertAtCursor, mergeFieldCatalogue, mergeToken } from './merge-fields';
import { sampleInput, sampleRecord } from './sample-record';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
let solution: Solution;
let entities: EntityDefinition[];

beforeAll(async () => {
  solution = await loadSolutionFromDirectory(B2B);
  entities = solution.entities ?? [];
});

const entity = (key: string): EntityDefinition => {
  const found = entities.find((e) => e.key === key);
  if (!found) throw new Error(`no entity ${key}`);
  return found;
};

describe('merge-field catalogue', () => {
  it('offers the record, each related record and the owner', () => {
    const groups = mergeFieldCatalogue(entity('deal'), entities);
    expect(groups[0]?.key).toBe('record');
    expect(groups.at(-1)?.fields.map((f) => f.path)).toEqual(['owner.name', 'owner.email']);
    const paths = groups.flatMap((g) => g.fields.map((f) => f.path));
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'amount', 'amount.amount', 'account.name', 'contact.first_name']),
    );
  });

  it.each(['account', 'contact', 'lead', 'deal', 'activity', 'product'])(
    'every field offered for %s passes the shared template rules',
    (key) => {
      const paths = mergeFieldCatalogue(entity(key), entities).flatMap((g) => g.fields.map((f) => f.path));
      const template: MailTemplateDefinition = {
        key: 'all_fields',
        label: 'All fields',
        entity: key,
        format: 'text',
        subject: mergeToken(paths[0] ?? 'id'),
        body: paths.map(mergeToken).join('\n'),
      };
      expect(validateDefinition('mailTemplate', template, { entities })).toEqual([]);
    },
  );

  it('filters by path or label and drops empty groups', () => {
    const groups = filterCatalogue(mergeFieldCatalogue(entity('deal'), entities), 'first_name');
    expect(groups.flatMap((g) => g.fields.map((f) => f.path))).toEqual(['contact.first_name']);
    expect(filterCatalogue(groups, '  ')).toEqual(groups);
  });
});

describe('inserting at the cursor', () => {
  it.each<[string, number, number, string, number]>([
    ['Dear ,', 5, 5, 'Dear {{x}},', 10],
    ['Dear NAME,', 5, 9, 'Dear {{x}},', 10],
    ['', 0, 0, '{{x}}', 5],
    ['abc', 99, 120, 'abc{{x}}', 8],
    ['abc', 2, 1, 'ab{{x}}c', 7],
  ])('%j at [%i, %i)', (text, start, end, expected, caret) => {
    expect(insertAtCursor(text, start, end, '{{x}}')).toEqual({ text: expected, caret });
  });
});

describe('preview against a sample record', () => {
  it.each(['account', 'contact', 'lead', 'deal', 'activity', 'product'])(
    'the sample %s is a valid record of its entity, with its derived fields computed',
    (key) => {
      const validate = createRecordValidator(entity(key));
      expect(validate(sampleInput(entity(key)))).toMatchObject({ ok: true });
      const derived = entity(key).fields.filter((f) => f.derive);
      const data = sampleRecord(entity(key), entities).data;
      for (const f of derived) expect(data).toHaveProperty(f.key);
    },
  );

  it('renders every shipped template with the outbox renderer', () => {
    for (const template of solution.mailTemplates ?? []) {
      const result = previewTemplate(
        template,
        entity(template.entity),
        sampleRecord(entity(template.entity), entities),
      );
      expect({ key: template.key, ok: result.ok }).toEqual({ key: template.key, ok: true });
    }
  });

  it('fills merge fields from the record, its references and the owner, escaping values', () => {
    const deal = entity('deal');
    const sample = sampleRecord(deal, entities);
    sample.data.name = '<b>Big</b> deal';
    const template: MailTemplateDefinition = {
      key: 't',
      label: 'T',
      entity: 'deal',
      format: 'html',
      subject: 'For {{account.name}}',
      body: '<p>{{name}} · {{amount}} · {{contact.first_name}} · {{owner.name}}</p>',
    };
    const result = previewTemplate(template, deal, sample);
    if (!result.ok) throw new Error(result.message);
    expect(result.mail.subject).toBe('For Sample account');
    expect(result.mail.html).toBe('<p>&lt;b&gt;Big&lt;/b&gt; deal · 12,500.00 EUR · Alex · Sam Carter</p>');
    expect(previewDocument(template, result.mail)).toContain(result.mail.html);
  });

  it('names the merge field the record cannot fill', () => {
    const deal = entity('deal');
    const sample = sampleRecord(deal, entities);
    delete sample.data.name;
    const result = previewTemplate(
      { key: 't', label: 'T', entity: 'deal', format: 'text', subject: 'Hi', body: 'About {{name}}' },
      deal,
      sample,
    );
    expect(result).toMatchObject({ ok: false, field: 'name' });
  });

  it('escapes a plain-text body for the preview frame', () => {
    const template: MailTemplateDefinition = {
      key: 't',
      label: 'T',
      entity: 'deal',
      format: 'text',
      subject: 's',
      body: 'b',
    };
    expect(previewDocument(template, { subject: 's', text: '<script>x</script>' })).toContain(
      '&#60;script&#62;x&#60;/script&#62;',
    );
  });

  it('applies the gate: stages and condition, with the gate message as the reason', () => {
    const template = (solution.mailTemplates ?? []).find((t) => t.key === 'proposal_distributor');
    if (!template) throw new Error('no proposal_distributor template');
    const sample = sampleRecord(entity('deal'), entities);
    expect(previewGate(template, sample, '')).toEqual({ unlocked: false, reason: template.gate?.message });
    const related = sample.related.account?.data ?? {};
    related.segment = 'distributor';
    expect(previewGate(template, sample, 'proposal')).toEqual({ unlocked: true });
    related.segment = 'corporate';
    expect(previewGate(template, sample, 'proposal')).toMatchObject({ unlocked: false });
  });
});
