import path from 'node:path';
import type { EntityDefinition, RecordView } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { previewTemplate } from './mail-preview';
import { HIDDEN_EMAIL, recordTitle, toSample } from './record-sample';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
let entities: EntityDefinition[];
let deal: EntityDefinition;

beforeAll(async () => {
  entities = (await loadSolutionFromDirectory(B2B)).entities ?? [];
  deal = entities.find((e) => e.key === 'deal')!;
});

const record: RecordView = {
  id: '11111111-1111-4111-8111-111111111111',
  entity: 'deal',
  entityVersion: 1,
  data: { name: 'Globex rollout', account: 'a-1', contact: 'c-1', amount: { amount: 9000, currency: 'USD' } },
  ownerId: 'u-1',
  stage: 'proposal',
  status: 'active',
  version: 3,
  createdBy: 'u-1',
  updatedBy: 'u-1',
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-12T15:30:00.000Z',
};

describe('a real record as the preview sample', () => {
  it('names records by their title field, else by id', () => {
    expect(recordTitle(deal, record)).toBe('Globex rollout');
    expect(recordTitle(deal, { ...record, data: {} })).toBe(record.id);
  });

  it('joins the related records that could be read and the owner from the directory', () => {
    const sample = toSample(deal, entities, record, { account: { name: 'Globex' }, contact: undefined }, [
      {
        id: 'u-1',
        name: 'Dana Reyes',
        role: 'rep',
        managerId: null,
        active: true,
        email: 'dana@example.test',
      },
    ]);
    expect(sample.related.account?.entity.key).toBe('account');
    expect(sample.related).not.toHaveProperty('contact');
    expect(sample.owner).toEqual({ name: 'Dana Reyes', email: 'dana@example.test' });
    expect(sample.data).toMatchObject({ id: record.id, stage: 'proposal' });
    expect(sample.data).not.toHaveProperty('contact');

    const rendered = previewTemplate(
      {
        key: 't',
        label: 'T',
        entity: 'deal',
        format: 'text',
        subject: '{{name}} for {{account.name}}',
        body: '{{amount}} in stage {{stage}}, from {{owner.name}}',
      },
      deal,
      sample,
    );
    expect(rendered).toEqual({
      ok: true,
      mail: { subject: 'Globex rollout for Globex', text: '9,000.00 USD in stage proposal, from Dana Reyes' },
    });
    // The contact could not be read, so a template that needs it says so rather than guessing.
    expect(
      previewTemplate(
        {
          key: 't',
          label: 'T',
          entity: 'deal',
          format: 'text',
          subject: 's',
          body: '{{contact.first_name}}',
        },
        deal,
        sample,
      ),
    ).toMatchObject({ ok: false, field: 'contact.first_name' });
  });

  it('shows an owner the directory does not reveal as unknown, with a placeholder e-mail', () => {
    expect(toSample(deal, entities, record, {}, []).owner).toEqual({
      name: 'Unknown owner',
      email: HIDDEN_EMAIL,
    });
  });
});
