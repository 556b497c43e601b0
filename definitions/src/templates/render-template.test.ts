import { loadB2bSolution } from '../diff/b2b-fixture';
import type { EntityDefinition } from '../generated/entity.generated';
import type { MailTemplateDefinition } from '../generated/mail-template.generated';
import { htmlToText } from './html-to-text';
import { buildMergeContext, formatFieldValue } from './merge-context';
import { isTemplateUnlocked, renderTemplate, TemplateRenderError } from './render-template';

const solution = loadB2bSolution();
const entity = (key: string) => solution.entities?.find((e) => e.key === key) as EntityDefinition;
const template = (key: string) =>
  solution.mailTemplates?.find((t) => t.key === key) as MailTemplateDefinition;
const field = (entityKey: string, key: string) => {
  const found = entity(entityKey).fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
};

const account = {
  name: 'Nordwind <Handel> GmbH',
  segment: 'distributor',
  annual_turnover: { amount: 4_200_000, currency: 'EUR' },
  sales_reps_count: 12,
  clients_count: 340,
  warehouse_area: 2500,
  equipment_in_use: ['erp', 'warehouse_scanners'],
  corporate_employees: 800,
  offices_count: 4,
};
const contact = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@nordwind.test' };
const deal = {
  name: 'Nordwind partnership',
  account: '7d1c7a38-3c2e-4a8f-9a53-6c6f0c3b1a01',
  contact: '7d1c7a38-3c2e-4a8f-9a53-6c6f0c3b1a02',
  amount: { amount: 12_500, currency: 'EUR' },
  budget: { amount: 15_000, currency: 'EUR' },
  decision_maker: 'Ada Lovelace',
  timeline: 'this_quarter',
  pains: 'Stock-outs & slow deliveries',
  expected_close_date: '2026-11-22',
};
const related = {
  account: { entity: entity('account'), data: account },
  contact: { entity: entity('contact'), data: contact },
};
const owner = { name: 'Rita Rep', email: 'rita@crm.test' };
const context = () => buildMergeContext(entity('deal'), deal, related, owner);

describe('formatFieldValue', () => {
  it.each([
    ['deal', 'amount', { amount: 12500, currency: 'EUR' }, '12,500.00 EUR'],
    ['deal', 'expected_close_date', '2026-11-22', '22 November 2026'],
    ['deal', 'timeline', 'this_quarter', 'This quarter'],
    ['account', 'equipment_in_use', ['erp', 'crm'], 'ERP system, CRM system'],
    ['account', 'sales_reps_count', 1200, '1,200'],
    ['deal', 'discount', 15, '15 %'],
    ['contact', 'decision_maker', true, 'yes'],
  ])('%s.%s %j → %s', (entityKey, key, value, expected) => {
    expect(formatFieldValue(field(entityKey, key), value)).toBe(expected);
  });
});

describe('renderTemplate on the B2B templates', () => {
  it('fills merge fields through references and the owner, escaping values in html', () => {
    const mail = renderTemplate(template('proposal_distributor'), context());
    expect(mail.subject).toBe('Partnership proposal for Nordwind <Handel> GmbH');
    expect(mail.html).toContain('<p>Dear Ada Lovelace,</p>');
    expect(mail.html).toContain('With 12 sales reps serving 340 clients');
    expect(mail.html).toContain('amounts to 12,500.00 EUR');
    expect(mail.html).toContain('Nordwind &lt;Handel&gt; GmbH');
    expect(mail.html).toContain('Stock-outs &amp; slow deliveries');
    expect(mail.html).toContain('Rita Rep<br>rita@crm.test');
    expect(mail.text).toContain('Dear Ada Lovelace,');
    expect(mail.text).toContain("thank you for the open conversation about Nordwind <Handel> GmbH's");
    expect(mail.text).toContain('Kind regards,\nRita Rep\nrita@crm.test');
    expect(mail.text).not.toMatch(/<p>|&amp;/);
  });

  it('renders text templates as plain text without escaping', () => {
    const mail = renderTemplate(template('manager_idle_alert'), context());
    expect(mail.html).toBeUndefined();
    expect(mail.subject).toBe('Stalled deal: Nordwind partnership (Rita Rep)');
    expect(mail.text).toContain('with Nordwind <Handel> GmbH, owned by Rita Rep');
    expect(mail.text).toContain('no logged activity for five working days in qualification.');
  });

  it('names a merge field that has no value instead of printing nothing', () => {
    const withoutContact = buildMergeContext(entity('deal'), { ...deal, contact: undefined }, related, owner);
    expect(() => renderTemplate(template('follow_up_1'), withoutContact)).toThrow(TemplateRenderError);
    expect(() => renderTemplate(template('follow_up_1'), withoutContact)).toThrow(
      'The body of mail template "Follow-up 1 (3 days after the proposal)" uses {{contact.first_name}}, which has no value for this record.',
    );
    const noPains = buildMergeContext(entity('deal'), { ...deal, pains: '' }, related, owner);
    try {
      renderTemplate(template('proposal_distributor'), noPains);
      throw new Error('rendered');
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect((error as TemplateRenderError).field).toBe('pains');
    }
    const noOwner = buildMergeContext(entity('deal'), deal, related);
    expect(() => renderTemplate(template('thank_you'), noOwner)).toThrow('{{owner.name}}');
  });

  it('shows a reference by its related record title and money parts on request', () => {
    const custom: MailTemplateDefinition = {
      key: 'custom',
      label: 'Custom',
      entity: 'deal',
      format: 'text',
      subject: '{{account}} / {{amount.currency}}',
      body: '{{#if competitors}}Competitors: {{competitors}}{{else}}No competitors{{/if}} {{amount.amount}}',
    };
    expect(renderTemplate(custom, context())).toEqual({
      subject: 'Nordwind <Handel> GmbH / EUR',
      text: 'No competitors 12,500.00',
    });
  });

  it('renders every B2B template for a complete record', () => {
    const lead = { company: 'Acme', first_name: 'Bo', last_name: 'Smith' };
    for (const t of solution.mailTemplates ?? []) {
      const ctx = t.entity === 'lead' ? buildMergeContext(entity('lead'), lead, {}, owner) : context();
      const mail = renderTemplate(t, ctx);
      expect(mail.subject.length).toBeGreaterThan(0);
      expect(mail.text).not.toContain('{{');
    }
  });
});

describe('isTemplateUnlocked', () => {
  const gateRecord = (data: Record<string, unknown>) => ({
    data,
    related: { account, contact } as Record<string, Record<string, unknown>>,
  });
  const proposal = template('proposal_distributor');

  it('locks the proposal outside its stages with the gate message', () => {
    expect(isTemplateUnlocked(proposal, { stage: 'qualification', record: gateRecord(deal) })).toEqual({
      unlocked: false,
      reason: proposal.gate?.message,
    });
  });

  it('locks the proposal while the needs card is incomplete, at the right stage', () => {
    const result = isTemplateUnlocked(proposal, {
      stage: 'proposal',
      record: gateRecord({ ...deal, pains: undefined }),
    });
    expect(result).toEqual({ unlocked: false, reason: proposal.gate?.message });
  });

  it('unlocks the proposal once the cards are complete and the stage is right', () => {
    expect(isTemplateUnlocked(proposal, { stage: 'proposal', record: gateRecord(deal) })).toEqual({
      unlocked: true,
    });
    expect(
      isTemplateUnlocked(template('proposal_corporate'), { stage: 'proposal', record: gateRecord(deal) }),
    ).toMatchObject({ unlocked: false });
  });

  it('treats templates without a gate as always unlocked', () => {
    expect(isTemplateUnlocked(template('re_engagement'), { stage: null, record: gateRecord({}) })).toEqual({
      unlocked: true,
    });
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs, breaks and list items and decodes entities', () => {
    expect(htmlToText('<p>A &amp; B</p>\n<p>x<br>y</p><ul><li>one</li><li>two</li></ul>')).toBe(
      'A & B\n\nx\ny\n\n- one\n- two',
    );
  });
});
