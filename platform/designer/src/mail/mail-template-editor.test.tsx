/**
 * @jest-environment jsdom
 */
// The mail template editor over the shipped "thank you" template: merge fields go in at the
// cursor, the preview follows, the shared rules catch unknown merge fields, and publish sends the
// draft and then the publish request.
import '../test-support/dom-shims';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { MailTemplateDefinition } from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { b2bWorkspace } from '../test-support/properties-harness';
import { MailTemplateEditor } from './mail-template-editor';

let workspace: Workspace;
let thankYou: MailTemplateDefinition;
const calls: { method: string; url: string; body: unknown }[] = [];

beforeAll(async () => {
  workspace = await b2bWorkspace();
  const found = workspace.mailTemplates.find((t) => t.key === 'thank_you');
  if (!found) throw new Error('The B2B solution has no thank_you template.');
  thankYou = found;
});

beforeEach(() => {
  calls.length = 0;
  // The API as the editor sees it: drafts are stored, a publish creates version 2.
  globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method: init?.method ?? 'GET', url: String(url), body });
    const answer = String(url).endsWith('/publish')
      ? { items: [{ kind: 'mailTemplate', key: 'thank_you', version: 2, created: true }] }
      : String(url).includes('/published')
        ? { items: [{ kind: 'mailTemplate', key: 'thank_you', version: 1, content: thankYou }] }
        : { draft: {}, errors: [] };
    return { ok: true, status: 200, text: async () => JSON.stringify(answer) } as Response;
  }) as typeof fetch;
});
afterEach(cleanup);

function open() {
  render(<MailTemplateEditor initial={thankYou} workspace={workspace} onSaved={async () => undefined} />);
  return {
    subject: screen.getByLabelText('Subject') as HTMLInputElement,
    body: screen.getByLabelText('Body') as HTMLTextAreaElement,
    pick: (path: string) => {
      const button = screen.getByTestId('merge-fields').querySelector(`button[data-path="${path}"]`);
      if (!button) throw new Error(`no merge field ${path}`);
      fireEvent.click(button);
    },
  };
}

describe('mail template editor', () => {
  it('inserts merge fields where the cursor is, in the subject or the body, and previews them', () => {
    const { subject, body, pick } = open();
    fireEvent.change(subject, { target: { value: 'Welcome on board, !' } });
    subject.setSelectionRange(18, 18);
    fireEvent.focus(subject);
    pick('contact.first_name');
    expect(subject.value).toBe('Welcome on board, {{contact.first_name}}!');
    expect(screen.getByTestId('preview-subject').textContent).toBe('Subject: Welcome on board, Alex!');

    const at = body.value.indexOf('Kind regards');
    body.setSelectionRange(at, at + 'Kind regards'.length);
    fireEvent.focus(body);
    pick('owner.email');
    expect(body.value).toContain('<p>{{owner.email}},<br>{{owner.name}}</p>');
    const frame = screen.getByTitle('Mail preview');
    expect(frame.getAttribute('srcdoc')).toContain('<p>sam.carter@example.com,<br>Sam Carter</p>');
    expect(frame.getAttribute('sandbox')).toBe('');
  });

  it('reports an unknown merge field at once and refuses to publish until it is gone', () => {
    const { body } = open();
    const original = body.value;
    fireEvent.change(body, { target: { value: `${original}{{fleet_size}}` } });
    const problems = within(screen.getByTestId('problems'));
    expect(problems.getByText(/uses \{\{fleet_size\}\}/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(body, { target: { value: original } });
    expect(screen.queryByTestId('problems')).toBeNull();
  });

  it('shows whether the gate lets users send it in the chosen stage', () => {
    open();
    expect(screen.getByTestId('gate-state').textContent).toBe(`Locked: ${thankYou.gate?.message}`);
    fireEvent.change(screen.getByLabelText('Preview stage'), { target: { value: 'closed_won' } });
    expect(screen.getByTestId('gate-state').textContent).toBe('Users may send it for this record now.');
  });

  it('saves the draft, then publishes it', async () => {
    const { subject } = open();
    fireEvent.change(subject, { target: { value: 'Thank you!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText('Published as version 2.');
    const draft = calls.find((c) => c.method === 'PUT');
    expect(draft).toMatchObject({
      url: '/api/definitions/drafts/mailTemplate/thank_you',
      body: { ...thankYou, subject: 'Thank you!' },
    });
    expect(calls.at(-1)).toEqual({
      method: 'POST',
      url: '/api/definitions/publish',
      body: { items: [{ kind: 'mailTemplate', key: 'thank_you' }] },
    });
  });

  it('discards the draft after a second click and goes back to the published version', async () => {
    const drafted = { ...workspace.drafted, mailTemplate: new Set(['thank_you']) };
    render(
      <MailTemplateEditor
        initial={{ ...thankYou, subject: 'Draft subject' }}
        workspace={{ ...workspace, drafted }}
        onSaved={async () => undefined}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Really discard the draft?' }));
    await screen.findByText('Draft discarded: back to the published version 1.');
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(
      '/api/definitions/drafts/mailTemplate/thank_you',
    );
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe(thankYou.subject);
  });
});
