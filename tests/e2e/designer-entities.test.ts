/// <reference lib="dom" />
// An administrator adapts the B2B solution in the designer: adds a field group with two new fields
// to the account, removes one of them once records hold values (the migration prompt shows how many
// and clears them), puts the other on the account form and publishes it, renames the key of a field
// that holds values and moves them to the new key, and edits a mail template with a merge field,
// checks the preview and publishes it. Real API and PostgreSQL.
import type { Browser, Locator, Page } from 'playwright-core';
import { createTestPlatform, PASSWORD, type Agent, type TestPlatform } from '../support/test-platform';
import { screenshots, ensureBuilt, launchBrowser, serveUi, type UiServer } from '../support/browser';
import { accountData, createRecord } from '../support/fixtures';

jest.setTimeout(240_000);

const shot = screenshots('designer-entities', { fullPage: true });

/** Waits until the element's text contains `text` (the UI updates after a request). */
async function textIn(locator: Locator, text: string, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await locator.textContent();
    if (last?.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected "${text}" in the element, found: ${String(last)}`);
}

interface Field {
  key: string;
  type: string;
}

async function published<T>(agent: Agent, kind: string, key: string): Promise<T> {
  return (await agent.get(`/api/definitions/${kind}/${key}`).expect(200)).body.content as T;
}

describe('entity, form and mail-template designers in the browser', () => {
  let tp: TestPlatform;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let admin: Agent;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = ensureBuilt('platform/designer');
    tp = await createTestPlatform();
    server = await serveUi(tp.platform.app, '/designer', dist);
    browser = await launchBrowser();
    admin = await tp.agent('admin');
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    // Publishing builds indexes and migrates data: on a loaded 2-core machine it can take a while.
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && console.error(`browser: ${m.text()}`));
    await page.goto(`${server.url}/designer/`);
    await page.getByLabel('E-mail').fill(tp.users.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Entities' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tp?.close();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  it('adds a field group with two new fields to the account and publishes it', async () => {
    await page.getByRole('link', { name: 'Entities' }).click();
    await page.locator('.react-flow__node[data-id="account"]').click();
    const editor = page.getByTestId('entity-editor');
    await editor.getByRole('heading', { name: /Account/ }).waitFor();
    const count = (await published<{ fields: Field[] }>(admin, 'entity', 'account')).fields.length;

    for (const [n, label, key] of [
      [count + 1, 'Fleet size', 'fleet_size'],
      [count + 2, 'Depot count', 'depot_count'],
    ] as const) {
      await editor.getByRole('button', { name: '+ Field', exact: true }).click();
      await editor.getByLabel(`Label of field_${n}`).fill(label);
      await editor.getByLabel(`Key of ${label}`).fill(key);
      await editor.getByLabel(`Type of ${key}`).selectOption('integer');
    }

    await editor.getByRole('button', { name: 'Settings of depot_count' }).click();
    await editor.getByLabel('Largest of depot_count').fill('500');
    await shot(page, '00-field-settings');

    await editor.getByRole('button', { name: '+ Field group' }).click();
    const group = editor.locator('.group-card').last();
    await group.getByLabel('Group name').fill('Logistics parameters');
    await group.getByLabel('Group key').fill('logistics_parameters');
    await group.getByLabel('Depends on field').selectOption('type');
    await group.getByRole('checkbox', { name: 'Supplier' }).check();
    await group.getByRole('checkbox', { name: 'Partner' }).check();
    await group.getByRole('checkbox', { name: 'Client' }).uncheck();
    // An empty group is a problem the shared rules report, and publishing waits for it.
    await editor.getByTestId('problems').waitFor();
    expect(await editor.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    const members = group.getByRole('group', { name: 'Fields of Logistics parameters' });
    await members.getByRole('checkbox', { name: 'Fleet size' }).check();
    await members.getByRole('checkbox', { name: 'Depot count' }).check();
    await editor.getByTestId('problems').waitFor({ state: 'detached' });
    await shot(page, '01-field-group');

    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText('Published as version 2.').waitFor();
    const account = await published<{ fields: Field[]; fieldGroups: unknown[] }>(admin, 'entity', 'account');
    expect(account.fields.slice(-2)).toEqual([
      { key: 'fleet_size', label: 'Fleet size', type: 'integer' },
      { key: 'depot_count', label: 'Depot count', type: 'integer', max: 500 },
    ]);
    expect(account.fieldGroups.at(-1)).toEqual({
      key: 'logistics_parameters',
      label: 'Logistics parameters',
      when: { field: 'type', op: 'in', value: ['supplier', 'partner'] },
      fields: ['fleet_size', 'depot_count'],
    });
  });

  it('removes a field that holds data after the prompt shows the affected records', async () => {
    const ids: string[] = [];
    for (const [name, fleet] of [
      ['Haulage One', 12],
      ['Haulage Two', 40],
      ['Haulage Three', 7],
      ['No fleet yet', undefined],
    ] as const) {
      const data = accountData({
        name,
        type: 'supplier',
        ...(fleet !== undefined ? { fleet_size: fleet } : {}),
      });
      ids.push((await admin.post('/api/records/account').send({ data }).expect(201)).body.id as string);
    }

    const editor = page.getByTestId('entity-editor');
    await editor.getByRole('button', { name: 'Remove fleet_size' }).click();
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'This change affects stored data' });
    await dialog.waitFor();
    await textIn(dialog.getByTestId('affected-total'), 'would affect data in 3 records');
    expect(await dialog.getByTestId('affected-fleet_size').textContent()).toBe('3');
    expect(await dialog.getByRole('button', { name: 'Publish with this migration' }).isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: 'Clear the values in 3 records' }).check();
    await shot(page, '02-migration-prompt');
    await dialog.getByRole('button', { name: 'Publish with this migration' }).click();
    await editor.getByText('Published as version 3. Cleared Fleet size in 3 records.').waitFor();
    await shot(page, '03-migrated');

    const account = await published<{ fields: Field[] }>(admin, 'entity', 'account');
    expect(account.fields.map((f) => f.key)).not.toContain('fleet_size');
    expect(account.fields.map((f) => f.key)).toContain('depot_count');
    for (const id of ids) {
      const record = (await admin.get(`/api/records/account/${id}`).expect(200)).body as {
        data: Record<string, unknown>;
      };
      expect(record.data).not.toHaveProperty('fleet_size');
    }
  });

  it('puts the new field on the account form, previews it and publishes the form', async () => {
    await page.getByRole('link', { name: 'Forms' }).click();
    await page.getByLabel('Form', { exact: true }).selectOption('account_main');
    const editor = page.getByTestId('form-editor');
    await editor
      .locator('.unused .chip[data-field="depot_count"]')
      .dragTo(editor.locator('.section-card[data-section="company"]'));
    await editor.locator('.section-card[data-section="company"] .chip[data-field="depot_count"]').waitFor();
    // Autosaved as a draft, as in the process designer.
    await textIn(editor.getByTestId('save-status'), 'All changes saved');
    const draft = (await admin.get('/api/definitions/drafts/form/account_main').expect(200)).body as {
      content: { sections: { id: string; fields: { field: string }[] }[] };
    };
    expect(draft.content.sections.find((s) => s.id === 'company')?.fields.at(-1)).toEqual({
      field: 'depot_count',
    });

    // The preview is the runtime UI's renderer: the group's field shows once the type is Supplier.
    const preview = editor.getByTestId('form-preview');
    expect(await preview.getByText('Depot count').isVisible()).toBe(false);
    // The label reads "Type *" (required), hence the pattern.
    await preview.getByLabel(/^Type/).selectOption('supplier');
    await preview.getByText('Depot count').waitFor();
    // A placed field's own settings: a label for this form only, shown by the preview.
    await editor.getByRole('button', { name: 'Settings of vat_id' }).click();
    await editor
      .getByRole('group', { name: 'Settings of vat_id' })
      .getByLabel('Label on this form')
      .fill('Tax number');
    await preview.getByText('Tax number').waitFor();
    await shot(page, '04-form');

    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText('Published as version 2.').waitFor();
    const form = await published<{ sections: { id: string; fields: { field: string }[] }[] }>(
      admin,
      'form',
      'account_main',
    );
    const company = form.sections.find((s) => s.id === 'company');
    expect(company?.fields.at(-1)).toEqual({ field: 'depot_count' });
    expect(company?.fields.find((f) => f.field === 'vat_id')).toEqual({
      field: 'vat_id',
      label: 'Tax number',
    });
  });

  it('removes a field the form shows: the form is adapted and published together with the entity', async () => {
    const partner = accountData({ name: 'Depot Co', type: 'partner', depot_count: 3 });
    const { id } = (await admin.post('/api/records/account').send({ data: partner }).expect(201)).body as {
      id: string;
    };
    await page.getByRole('link', { name: 'Entities' }).click();
    await page.locator('.react-flow__node[data-id="account"]').click();
    const editor = page.getByTestId('entity-editor');
    await editor.getByRole('button', { name: 'Remove depot_count' }).click();
    await editor.getByRole('button', { name: 'Remove group Logistics parameters' }).click();
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    const blockers = editor.getByTestId('blockers');
    await blockers.getByText('no draft yet').waitFor();
    expect(await blockers.getByRole('button', { name: 'Publish together with 1 draft' }).isDisabled()).toBe(
      true,
    );
    await shot(page, '05-blocked-by-form');

    await blockers.getByRole('link', { name: 'Form account_main' }).click();
    const form = page.getByTestId('form-editor');
    await form
      .locator('.section-card[data-section="company"]')
      .getByRole('button', { name: 'Remove depot_count' })
      .click();
    await textIn(form.getByTestId('save-status'), 'All changes saved');

    await page.getByRole('link', { name: 'Entities' }).click();
    await page.locator('.react-flow__node[data-id="account"]').click();
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await blockers.getByText('draft saved').waitFor();
    await blockers.getByRole('button', { name: 'Publish together with 1 draft' }).click();
    const dialog = page.getByRole('dialog', { name: 'This change affects stored data' });
    await textIn(dialog.getByTestId('affected-total'), 'would affect data in 1 record.');
    await dialog.getByRole('radio', { name: 'Clear the values in 1 record' }).check();
    await dialog.getByRole('button', { name: 'Publish with this migration' }).click();
    await editor.getByText('Published as version 4. Cleared Depot count in 1 record.').waitFor();

    const account = await published<{ fields: Field[]; fieldGroups: { key: string }[] }>(
      admin,
      'entity',
      'account',
    );
    expect(account.fields.map((f) => f.key)).not.toContain('depot_count');
    expect(account.fieldGroups.map((g) => g.key)).not.toContain('logistics_parameters');
    const formNow = await published<{ sections: { fields: { field: string }[] }[] }>(
      admin,
      'form',
      'account_main',
    );
    expect(formNow.sections.flatMap((s) => s.fields.map((f) => f.field))).not.toContain('depot_count');
    const record = (await admin.get(`/api/records/account/${id}`).expect(200)).body as {
      data: Record<string, unknown>;
    };
    expect(record.data).not.toHaveProperty('depot_count');
  });

  it('renames the key of a field that holds data and moves the values to the new key', async () => {
    await page.getByRole('link', { name: 'Entities' }).click();
    await page.locator('.react-flow__node[data-id="account"]').click();
    const editor = page.getByTestId('entity-editor');
    await editor.getByRole('heading', { name: /Account/ }).waitFor();
    const n = (await published<{ fields: Field[] }>(admin, 'entity', 'account')).fields.length + 1;
    await editor.getByRole('button', { name: '+ Field', exact: true }).click();
    await editor.getByLabel(`Label of field_${n}`).fill('Truck count');
    await editor.getByLabel('Key of Truck count').fill('truck_count');
    await editor.getByLabel('Type of truck_count').selectOption('integer');
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText('Published as version 5.').waitFor();

    const trucks = new Map<string, number | undefined>();
    for (const [name, count] of [
      ['Fast Freight', 9],
      ['Road Kings', 25],
      ['No trucks yet', undefined],
    ] as const) {
      const data = accountData({ name, ...(count !== undefined ? { truck_count: count } : {}) });
      trucks.set(
        (await admin.post('/api/records/account').send({ data }).expect(201)).body.id as string,
        count,
      );
    }

    // The API sees a renamed key as the old field removed and a new one added.
    await editor.getByLabel('Key of Truck count').fill('vehicle_count');
    await editor.getByLabel('Label of vehicle_count').fill('Vehicle count');
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'This change affects stored data' });
    await textIn(dialog.getByTestId('affected-total'), 'would affect data in 2 records');
    const target = dialog.getByLabel('Field to move truck_count to');
    // Only the new integer field can take the values; the published integer fields are not offered.
    expect(await target.locator('option').allTextContents()).toEqual(['Vehicle count']);
    await dialog.getByRole('radio', { name: 'Move the values to' }).check();
    await target.selectOption({ label: 'Vehicle count' });
    await shot(page, '05b-move-values');
    await dialog.getByRole('button', { name: 'Publish with this migration' }).click();
    await editor
      .getByText('Published as version 6. Moved Truck count to Vehicle count in 2 records.')
      .waitFor();

    const account = await published<{ fields: Field[] }>(admin, 'entity', 'account');
    expect(account.fields.at(-1)).toEqual({ key: 'vehicle_count', label: 'Vehicle count', type: 'integer' });
    expect(account.fields.map((f) => f.key)).not.toContain('truck_count');
    for (const [id, count] of trucks) {
      const record = (await admin.get(`/api/records/account/${id}`).expect(200)).body as {
        data: Record<string, unknown>;
      };
      expect(record.data).not.toHaveProperty('truck_count');
      if (count === undefined) expect(record.data).not.toHaveProperty('vehicle_count');
      else expect(record.data.vehicle_count).toBe(count);
    }
  });

  it('edits a mail template with a merge field, sees the preview and publishes it', async () => {
    // A real deal to preview against, with its account, contact and owner.
    const account = await createRecord(admin, 'account', accountData({ name: 'Globex' }));
    const contact = await createRecord(admin, 'contact', {
      first_name: 'Grace',
      last_name: 'Hopper',
      account: account.id,
    });
    const deal = await createRecord(admin, 'deal', {
      name: 'Globex rollout',
      account: account.id,
      contact: contact.id,
    });
    await page.getByRole('link', { name: 'Mail templates' }).click();
    await page.getByTestId('mail-list').getByRole('link', { name: 'Thank you for your order' }).click();
    const editor = page.getByTestId('mail-editor');
    const subject = editor.getByLabel('Subject');
    await subject.fill('Welcome on board, ');
    await subject.press('End');
    await editor.getByTestId('merge-fields').locator('button[data-path="contact.first_name"]').click();
    expect(await subject.inputValue()).toBe('Welcome on board, {{contact.first_name}}');
    await textIn(editor.getByTestId('preview-subject'), 'Welcome on board, Alex');
    const frame = editor.frameLocator('[data-testid="preview-frame"]');
    await frame.getByText('Dear Alex,').waitFor();
    await frame.getByText('Sam Carter').waitFor();

    // The same preview against the real deal.
    await editor.getByLabel('Preview record').selectOption(deal.id);
    await textIn(editor.getByTestId('preview-subject'), 'Welcome on board, Grace');
    await frame.getByText('Dear Grace,').waitFor();
    await frame.getByText('welcome Globex as a customer', { exact: false }).waitFor();
    await shot(page, '06-mail-real-record');
    await editor.getByLabel('Preview record').selectOption('');
    await textIn(editor.getByTestId('preview-subject'), 'Welcome on board, Alex');

    // A merge field the deal does not have is reported at once, and publishing waits for it.
    const body = editor.getByLabel('Body');
    const original = await body.inputValue();
    await body.fill(`${original}\n<p>{{fleet_size}}</p>`);
    await editor.getByTestId('problems').getByText('{{fleet_size}}').waitFor();
    expect(await editor.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await body.fill(original);
    await editor.getByTestId('problems').waitFor({ state: 'detached' });

    await textIn(editor.getByTestId('gate-state'), 'Locked: The thank-you mail is sent');
    await editor.getByLabel('Preview stage').selectOption('closed_won');
    await textIn(editor.getByTestId('gate-state'), 'Users may send it');
    await shot(page, '07-mail-template');

    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText('Published as version 2.').waitFor();
    const template = await published<{ subject: string; body: string }>(admin, 'mailTemplate', 'thank_you');
    expect(template.subject).toBe('Welcome on board, {{contact.first_name}}');
    expect(template.body).toBe(original);

    // A new template starts from the entity's title field and the owner's name.
    await page.getByLabel('New template name').fill('Account review');
    await page.getByLabel('New template entity').selectOption('account');
    await page.getByRole('button', { name: 'New template' }).click();
    await editor.getByRole('heading', { name: /Account review/ }).waitFor();
    expect(await editor.getByLabel('Subject').inputValue()).toBe('About {{name}}');
    await textIn(editor.getByTestId('preview-subject'), 'About Sample account');
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText('Published as version 1.').waitFor();
    await page.getByTestId('mail-list').getByRole('link', { name: 'Account review' }).waitFor();
    const created = await published<{ entity: string; subject: string }>(
      admin,
      'mailTemplate',
      'account_review',
    );
    expect(created).toMatchObject({ entity: 'account', subject: 'About {{name}}' });
  });
});
