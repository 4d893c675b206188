import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDelivery, buildWebhook, fakeWebhooksApi, problem } from '../../../testing/fake-webhooks-api';
import { Webhooks } from './webhooks';

vi.mock('../../../lib/auth-client', () => ({
  tokens: { getToken: async () => 'the-jwt', refresh: async () => 'the-jwt', clear: () => undefined },
}));

afterEach(() => vi.unstubAllGlobals());

const sync = () =>
  buildWebhook({ url: 'https://sync.example/hook', description: 'Calendar sync', events: ['task.created'] });
const broken = () =>
  buildWebhook({
    url: 'https://broken.example/hook',
    enabled: false,
    disabledReason: 'failing',
    failingSince: '2026-10-28T08:00:00.000Z',
  });

let client: QueryClient;
async function renderPage() {
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Webhooks />
    </QueryClientProvider>,
  );
  // The first render of a run loads the page's modules too: on a busy machine that can pass 1 s.
  await screen.findByRole('heading', { name: 'Your webhooks' }, { timeout: 5000 });
}
/** Whatever the query and mutation caches still hold, as text: a secret must not linger there. */
const cached = () =>
  JSON.stringify([
    client
      .getQueryCache()
      .getAll()
      .map((query) => query.state.data),
    client
      .getMutationCache()
      .getAll()
      .map((mutation) => mutation.state.data),
  ]);
const row = (url: string) => screen.getByRole('listitem', { name: url });
const sent = (api: ReturnType<typeof fakeWebhooksApi>, method: string) =>
  api.seen.filter((request) => request.method === method);

describe('Account → Webhooks', () => {
  it('lists the webhooks with their events and state, with the session’s JWT', async () => {
    const api = fakeWebhooksApi([
      sync(),
      buildWebhook({ url: 'https://off.example/hook', enabled: false, disabledReason: 'by_user' }),
    ]);
    await renderPage();
    expect(row('https://sync.example/hook')).toHaveTextContent('Calendar sync');
    expect(row('https://sync.example/hook')).toHaveTextContent('Events: task.created ·');
    expect(row('https://sync.example/hook')).toHaveTextContent('Enabled');
    expect(row('https://off.example/hook')).toHaveTextContent('Disabled by you');
    expect(within(row('https://off.example/hook')).getByRole('button', { name: 'Enable' })).toBeVisible();
    expect(api.seen[0]).toMatchObject({ method: 'GET', path: '/api/webhooks', authorization: 'Bearer the-jwt' });
  });

  it('shows a stored URL and description as text, never as a link or markup', async () => {
    fakeWebhooksApi([buildWebhook({ url: 'javascript:alert(1)', description: '<img src=x onerror=alert(1)>' })]);
    await renderPage();
    const item = row('javascript:alert(1)');
    expect(item).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(within(item).queryAllByRole('link')).toEqual([]);
    expect(item.querySelector('img')).toBeNull();
  });

  it('says prominently that a webhook was turned off because its endpoint kept failing, and since when', async () => {
    fakeWebhooksApi([sync(), broken()]);
    await renderPage();
    expect(screen.getByText('One webhook was turned off because its endpoint kept failing.')).toBeVisible();
    const item = row('https://broken.example/hook');
    expect(item).toHaveTextContent(/Disabled: failing since .*2026/);
    expect(item).toHaveTextContent('Fix the receiver, then enable it again.');
    expect(row('https://sync.example/hook')).not.toHaveTextContent('failing');
  });

  it('warns while an enabled webhook is failing, before it is turned off', async () => {
    fakeWebhooksApi([buildWebhook({ url: 'https://flaky.example/hook', failingSince: '2026-11-01T00:00:00.000Z' })]);
    await renderPage();
    expect(row('https://flaky.example/hook')).toHaveTextContent(/Failing since .*after 3 days of failures/);
  });

  it('adds a webhook with its URL, events and description, and shows the secret once with a copy button, then forgets it', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = fakeWebhooksApi();
    await renderPage();
    expect(screen.getByText('You have no webhooks.')).toBeVisible();
    await userEvent.type(screen.getByLabelText('Endpoint URL'), '  https://receiver.example/in ');
    await userEvent.click(screen.getByRole('checkbox', { name: 'A task is changed' }));
    await userEvent.type(screen.getByLabelText('Description (optional)'), 'Mirror to my wiki');
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook' }));

    const secretField = await screen.findByLabelText('Signing secret');
    const secret = api.secrets[0];
    expect(secretField).toHaveValue(secret);
    expect(secretField).toHaveAttribute('readonly');
    expect(screen.getByRole('heading', { name: 'Webhook added: its signing secret' })).toHaveFocus();
    expect(screen.getByText(/you won’t see it again/)).toBeVisible();
    expect(sent(api, 'POST')[0]).toMatchObject({
      path: '/api/webhooks',
      authorization: 'Bearer the-jwt',
      body: {
        url: 'https://receiver.example/in',
        events: ['task.created', 'task.completed', 'task.deleted'],
        description: 'Mirror to my wiki',
      },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Copy secret' }));
    expect(writeText).toHaveBeenCalledWith(secret);
    expect(await screen.findByText('Secret copied to the clipboard.')).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(secret);
    await waitFor(() => expect(cached()).not.toContain(secret));
    expect(screen.getByRole('heading', { name: 'Your webhooks' })).toHaveFocus();
    expect(await screen.findByRole('listitem', { name: 'https://receiver.example/in' })).toHaveTextContent(
      'Mirror to my wiki',
    );
    expect(screen.getByLabelText('Endpoint URL')).toHaveValue('');
  });

  it('asks for a full URL, an event and a short description before sending anything', async () => {
    const api = fakeWebhooksApi();
    await renderPage();
    const add = screen.getByRole('button', { name: 'Add webhook' });
    await userEvent.click(add);
    expect(screen.getByText('Enter the URL that should receive the events.')).toBeVisible();

    await userEvent.type(screen.getByLabelText('Endpoint URL'), 'receiver.example/in');
    for (const label of ['A task is created', 'A task is changed', 'A task is completed', 'A task is deleted'])
      await userEvent.click(screen.getByRole('checkbox', { name: label }));
    await userEvent.click(screen.getByLabelText('Description (optional)'));
    await userEvent.paste('x'.repeat(201));
    await userEvent.click(add);
    expect(screen.getByText('Enter a full URL starting with https://')).toBeVisible();
    expect(screen.getByLabelText('Endpoint URL')).toHaveAccessibleDescription(/Enter a full URL/);
    expect(screen.getByText('Choose at least one event.')).toBeVisible();
    expect(screen.getByText('Use at most 200 characters.')).toBeVisible();

    await userEvent.clear(screen.getByLabelText('Endpoint URL'));
    await userEvent.type(screen.getByLabelText('Endpoint URL'), 'javascript:alert(1)');
    await userEvent.click(add);
    expect(screen.getByText('Enter a full URL starting with https://')).toBeVisible();
    expect(sent(api, 'POST')).toEqual([]);
  });

  it('shows the API’s reason for a refused address at the URL field, with focus there, and keeps the form filled', async () => {
    const api = fakeWebhooksApi();
    api.createAnswer = () =>
      problem(400, 'This URL is not allowed: its host is a private, loopback or link-local address.', [
        { field: 'url', message: 'The host resolves to an address Taskvault does not connect to.' },
      ]);
    await renderPage();
    await userEvent.type(screen.getByLabelText('Endpoint URL'), 'https://10.0.0.7/hook');
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    const field = screen.getByLabelText('Endpoint URL');
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      /The server refused this URL: The host resolves to an address Taskvault does not connect to\./,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Endpoint URL')).toHaveValue('https://10.0.0.7/hook');
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();
  });

  it('shows the API’s reason when the 10-webhook limit is reached', async () => {
    fakeWebhooksApi(Array.from({ length: 10 }, (_, n) => buildWebhook({ url: `https://h${n}.example/hook` })));
    await renderPage();
    await userEvent.type(screen.getByLabelText('Endpoint URL'), 'https://one-more.example/hook');
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You already have 10 webhooks: delete one first.');
  });

  it('shows the delivery log with event, status, HTTP status, duration, attempts and time, asking again while one is under way', async () => {
    const webhook = sync();
    const api = fakeWebhooksApi([webhook]);
    const pending = buildDelivery({
      event: 'task.updated',
      status: 'retrying',
      attempt: 2,
      responseStatus: 503,
      durationMs: 120,
      error: 'http_error',
      nextAttemptAt: '2026-11-02T09:05:00.000Z',
    });
    api.deliveries.set(webhook.id, [pending, buildDelivery({ event: 'task.created' })]);
    let reads = 0;
    api.onDeliveriesRead = (_id, list) => {
      reads += 1;
      if (reads === 2) Object.assign(list[0], { status: 'succeeded', attempt: 3, responseStatus: 200, error: null });
    };
    await renderPage();
    const toggle = within(row(webhook.url)).getByRole('button', { name: 'Show deliveries' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = await screen.findByRole('table', { name: `Last deliveries to ${webhook.url}, newest first` });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Event', 'Status', 'HTTP status', 'Duration', 'Attempts', 'Time']);
    const [, first, second] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent(/task\.updated.*Retrying \(error status\).*next try.*503.*120 ms.*2/);
    expect(second).toHaveTextContent(/task\.created.*Delivered.*204.*42 ms.*1/);
    await waitFor(() => expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/Delivered.*200/), {
      timeout: 3000,
    });
    expect(api.seen.some((request) => request.path === `/api/webhooks/${webhook.id}/deliveries`)).toBe(true);
  });

  it('sends a test event and opens the log where it appears', async () => {
    const webhook = sync();
    const api = fakeWebhooksApi([webhook]);
    await renderPage();
    await userEvent.click(within(row(webhook.url)).getByRole('button', { name: 'Send a test event' }));
    expect(await screen.findByText('Test event queued: see the delivery log.')).toBeVisible();
    expect(sent(api, 'POST').map((request) => request.path)).toEqual([`/api/webhooks/${webhook.id}/test`]);
    const table = await screen.findByRole('table', { name: /Last deliveries/ });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/webhook\.test.*Pending/);
  });

  it('disables and enables a webhook; enabling a failing one clears the failure', async () => {
    const api = fakeWebhooksApi([sync(), broken()]);
    await renderPage();
    await userEvent.click(within(row('https://sync.example/hook')).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Disabled: no events are sent until you enable it.')).toBeVisible();
    expect(row('https://sync.example/hook')).toHaveTextContent('Disabled by you');

    const enable = within(row('https://broken.example/hook')).getByRole('button', { name: 'Enable' });
    await userEvent.click(enable);
    expect(await screen.findByText('Enabled: events are sent again.')).toBeVisible();
    expect(row('https://broken.example/hook')).not.toHaveTextContent('failing');
    expect(screen.queryByText(/turned off because its endpoint kept failing/)).not.toBeInTheDocument();
    expect(sent(api, 'PATCH').map((request) => request.body)).toEqual([{ enabled: false }, { enabled: true }]);
    expect(within(row('https://broken.example/hook')).getByRole('button', { name: 'Disable' })).toHaveFocus();
  });

  it('rotates the secret, shows the new one once and says the old one works 24 hours more, then forgets it', async () => {
    const webhook = sync();
    const api = fakeWebhooksApi([webhook]);
    await renderPage();
    await userEvent.click(within(row(webhook.url)).getByRole('button', { name: 'Rotate secret' }));
    expect(await screen.findByRole('heading', { name: 'New signing secret' })).toHaveFocus();
    expect(screen.getByLabelText('Signing secret')).toHaveValue(api.secrets[0]);
    expect(screen.getByText(/previous secret keeps working for 24 hours/)).toBeVisible();
    await waitFor(() => expect(row(webhook.url)).toHaveTextContent(/the previous secret works until/));

    await userEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(document.body).not.toHaveTextContent(api.secrets[0]);
    expect(cached()).not.toContain(api.secrets[0]);
    expect(within(row(webhook.url)).getByRole('button', { name: 'Rotate secret' })).toHaveFocus();
  });

  it('deletes only after confirmation, with focus following the question and then the outcome', async () => {
    const webhook = sync();
    const api = fakeWebhooksApi([webhook, broken()]);
    await renderPage();
    await userEvent.click(within(row(webhook.url)).getByRole('button', { name: 'Delete' }));
    expect(screen.getByText(/Delete the webhook to https:\/\/sync\.example\/hook\?/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(within(row(webhook.url)).getByRole('button', { name: 'Delete' })).toHaveFocus();
    expect(sent(api, 'DELETE')).toEqual([]);

    await userEvent.click(within(row(webhook.url)).getByRole('button', { name: 'Delete' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText(/Deleted the webhook to https:\/\/sync\.example\/hook/)).toHaveFocus();
    expect(sent(api, 'DELETE').map((request) => request.path)).toEqual([`/api/webhooks/${webhook.id}`]);
    await waitFor(() => expect(screen.queryByRole('listitem', { name: webhook.url })).not.toBeInTheDocument());
    expect(row('https://broken.example/hook')).toBeVisible();
  });

  it('says so, with focus, when a webhook was deleted elsewhere (the API’s 404), and drops its row', async () => {
    const webhook = sync();
    const api = fakeWebhooksApi([webhook]);
    await renderPage();
    api.webhooks.length = 0;
    await userEvent.click(within(row(webhook.url)).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText(/The webhook to https:\/\/sync\.example\/hook no longer exists/)).toHaveFocus();
    await waitFor(() => expect(screen.queryByRole('listitem', { name: webhook.url })).not.toBeInTheDocument());
  });
});
