/**
 * @jest-environment jsdom
 */
// The form editor over the shipped account form: a placed field gets its own label, width and
// rule, the preview (the runtime UI's renderer) shows the label, and publish sends the draft and
// then the publish request.
import '../test-support/dom-shims';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FormDefinition } from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { b2bWorkspace } from '../test-support/properties-harness';
import { FormEditor, moveField } from './form-editor';

// The runtime UI's renderer imports its stylesheet, which Jest cannot load (and jsdom does not lay out).
jest.mock('../../../runtime-ui/src/forms/forms.css', () => ({}));

let workspace: Workspace;
let accountForm: FormDefinition;
const calls: { method: string; url: string; body: unknown }[] = [];

beforeAll(async () => {
  workspace = await b2bWorkspace();
  const found = workspace.forms.find((f) => f.key === 'account_main');
  if (!found) throw new Error('The B2B solution has no account_main form.');
  accountForm = found;
});

beforeEach(() => {
  calls.length = 0;
  globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method: init?.method ?? 'GET', url: String(url), body });
    const answer = String(url).endsWith('/publish')
      ? { items: [{ kind: 'form', key: 'account_main', version: 2, created: true }] }
      : { draft: {}, errors: [] };
    return { ok: true, status: 200, text: async () => JSON.stringify(answer) } as Response;
  }) as typeof fetch;
});
afterEach(cleanup);

describe('form editor', () => {
  it('moves a field between sections, keeping its settings', () => {
    const placed = { field: 'vat_id', label: 'Tax number', span: 2 };
    const form: FormDefinition = {
      ...accountForm,
      sections: accountForm.sections.map((s) =>
        s.id === 'company' ? { ...s, fields: s.fields.map((f) => (f.field === 'vat_id' ? placed : f)) } : s,
      ),
    };
    const moved = moveField(form, 'vat_id', 5);
    expect(moved.sections[5]?.fields.at(-1)).toEqual(placed);
    expect(moved.sections.flatMap((s) => s.fields).filter((f) => f.field === 'vat_id')).toHaveLength(1);
  });

  it('gives a placed field its own label, width and rule, previews it and publishes the form', async () => {
    render(<FormEditor initial={accountForm} workspace={workspace} onSaved={async () => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Settings of vat_id' }));
    const settings = within(screen.getByRole('group', { name: 'Settings of vat_id' }));
    fireEvent.change(settings.getByLabelText('Label on this form'), { target: { value: 'Tax number' } });
    fireEvent.change(settings.getByLabelText('Width'), { target: { value: '2' } });
    fireEvent.click(settings.getByRole('button', { name: '+ Rule' }));
    fireEvent.change(settings.getByLabelText('Rule effect'), { target: { value: 'lock' } });
    expect(within(screen.getByTestId('form-preview')).getByText('Tax number')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText('Published as version 2.');
    const saved = calls.find((c) => c.method === 'PUT')?.body as FormDefinition;
    const company = saved.sections.find((s) => s.id === 'company');
    expect(company?.fields.find((f) => f.field === 'vat_id')).toEqual({
      field: 'vat_id',
      label: 'Tax number',
      span: 2,
      rules: [{ effect: 'lock' }],
    });
    expect(calls.at(-1)).toEqual({
      method: 'POST',
      url: '/api/definitions/publish',
      body: { items: [{ kind: 'form', key: 'account_main' }] },
    });
  });
});
