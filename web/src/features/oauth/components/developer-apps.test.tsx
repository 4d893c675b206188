import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, type SeenRequest } from '../../../testing/fake-fetch';
import { withQueryClient } from '../../../testing/query-wrapper';
import { DeveloperApps } from './developer-apps';

const SECRET = 'sEcReT-1234567890-abcdefghijklmnop';
const ROTATED = 'rOtAtEd-0987654321-zyxwvutsrqponmlk';
let clients: Array<Record<string, unknown>>;
let seen: SeenRequest[];

const app = (client_id: string, client_name: string, extra: Record<string, unknown> = {}) => ({
  client_id,
  client_name,
  redirect_uris: ['https://planner.example/callback'],
  token_endpoint_auth_method: 'client_secret_basic',
  public: false,
  client_id_issued_at: 1767225600,
  ...extra,
});

beforeEach(() => {
  clients = [
    app('cli-1', 'Pocket Planner'),
    app('cli-2', 'tv-cli', { token_endpoint_auth_method: 'none', public: true }),
  ];
  seen = fakeFetch({
    'GET /api/auth/oauth2/get-clients': () => json(200, clients),
    'POST /api/auth/oauth2/create-client': ({ body }) => {
      const created = { ...app('cli-3', 'Sync bot'), ...(body as object), client_secret: SECRET };
      clients.push({ ...created, client_secret: undefined });
      return json(201, created);
    },
    'POST /api/auth/oauth2/update-client': ({ body }) => {
      const { client_id, update } = body as { client_id: string; update: object };
      const index = clients.findIndex((client) => client.client_id === client_id);
      clients[index] = { ...clients[index], ...update };
      return json(200, clients[index]);
    },
    'POST /api/auth/oauth2/client/rotate-secret': () =>
      json(200, { ...app('cli-1', 'Pocket Planner'), client_secret: ROTATED }),
    'POST /api/auth/oauth2/delete-client': ({ body }) => {
      clients = clients.filter((client) => client.client_id !== (body as { client_id: string }).client_id);
      return json(200, null);
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

const posts = (path: string) => seen.filter((request) => request.method === 'POST' && request.path === path);

describe('Account → Developer apps', () => {
  it('lists the apps with their kind, client id and redirect URIs, using the session cookie', async () => {
    render(withQueryClient(<DeveloperApps />));
    const list = await screen.findByRole('list', { name: 'Your registered apps' });
    const planner = within(list).getByRole('listitem', { name: /Pocket Planner/ });
    expect(planner).toHaveTextContent('Confidential');
    expect(planner).toHaveTextContent('cli-1');
    expect(planner).toHaveTextContent('https://planner.example/callback');
    const cli = within(list).getByRole('listitem', { name: /tv-cli/ });
    expect(cli).toHaveTextContent('Public');
    expect(within(cli).queryByRole('button', { name: /New secret/ })).not.toBeInTheDocument();
    expect(seen[0]).toMatchObject({
      path: '/api/auth/oauth2/get-clients',
      authorization: null,
      credentials: 'include',
    });
  });

  it('registers a confidential app and shows its secret once, with a copy button', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(withQueryClient(<DeveloperApps />));
    await screen.findByRole('list', { name: 'Your registered apps' });
    await userEvent.type(screen.getByLabelText('App name'), '  Sync bot ');
    await userEvent.type(
      screen.getByLabelText('Redirect URIs'),
      'https://sync.example/cb{Enter}http://127.0.0.1:7777/cb',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Register app' }));

    expect(await screen.findByRole('heading', { name: '“Sync bot” is registered' })).toHaveFocus();
    expect(screen.getByLabelText('Client secret')).toHaveValue(SECRET);
    expect(screen.getByText(/you won’t see it again/)).toBeVisible();
    expect(posts('/api/auth/oauth2/create-client')[0]).toMatchObject({
      authorization: null,
      credentials: 'include',
      body: {
        client_name: 'Sync bot',
        redirect_uris: ['https://sync.example/cb', 'http://127.0.0.1:7777/cb'],
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token'],
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Copy client secret' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);

    await userEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByLabelText('Client secret')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(await screen.findByRole('listitem', { name: /Sync bot/ })).toBeVisible();
  });

  it('registers a public app with the device flow, and no secret is shown', async () => {
    render(withQueryClient(<DeveloperApps />));
    await screen.findByRole('list', { name: 'Your registered apps' });
    await userEvent.type(screen.getByLabelText('App name'), 'My CLI');
    await userEvent.type(screen.getByLabelText('Redirect URIs'), 'http://localhost:9000/cb');
    await userEvent.click(screen.getByRole('radio', { name: /Public/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /device flow/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Register app' }));
    expect(posts('/api/auth/oauth2/create-client')[0].body).toMatchObject({
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    });
  });

  it('checks the name and redirect URIs before sending anything', async () => {
    render(withQueryClient(<DeveloperApps />));
    await screen.findByRole('list', { name: 'Your registered apps' });
    await userEvent.type(screen.getByLabelText('Redirect URIs'), 'http://evil.example/cb');
    await userEvent.click(screen.getByRole('button', { name: 'Register app' }));
    expect(screen.getByText(/Give the app a name/)).toBeVisible();
    expect(screen.getByText(/must use https/)).toBeVisible();
    expect(screen.getByLabelText('Redirect URIs')).toHaveAttribute('aria-invalid', 'true');
    expect(posts('/api/auth/oauth2/create-client')).toHaveLength(0);
  });

  it('shows the server’s refusal of a registration', async () => {
    seen = fakeFetch({
      'GET /api/auth/oauth2/get-clients': () => json(200, []),
      'POST /api/auth/oauth2/create-client': () =>
        json(400, { error: 'invalid_redirect_uri', error_description: 'web clients require https redirect URIs' }),
    });
    render(withQueryClient(<DeveloperApps />));
    expect(await screen.findByText('You have not registered any apps.')).toBeVisible();
    await userEvent.type(screen.getByLabelText('App name'), 'X');
    await userEvent.type(screen.getByLabelText('Redirect URIs'), 'https://x.example/cb');
    await userEvent.click(screen.getByRole('button', { name: 'Register app' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('web clients require https redirect URIs');
  });

  it('edits the redirect URIs of an app', async () => {
    render(withQueryClient(<DeveloperApps />));
    await userEvent.click(await screen.findByRole('button', { name: 'Edit redirect URIs of Pocket Planner' }));
    const field = screen.getByRole('textbox', { name: 'Redirect URIs of Pocket Planner' });
    expect(field).toHaveFocus();
    await userEvent.clear(field);
    await userEvent.type(field, 'https://planner.example/v2/callback');
    await userEvent.click(screen.getByRole('button', { name: 'Save redirect URIs' }));
    expect(await screen.findByText('Saved the redirect URIs of Pocket Planner.')).toBeVisible();
    expect(posts('/api/auth/oauth2/update-client')[0].body).toEqual({
      client_id: 'cli-1',
      update: { redirect_uris: ['https://planner.example/v2/callback'] },
    });
    expect(await screen.findByText('https://planner.example/v2/callback')).toBeVisible();
  });

  it('rotates a secret only after confirmation, and shows the new one once', async () => {
    render(withQueryClient(<DeveloperApps />));
    await userEvent.click(await screen.findByRole('button', { name: 'New secret for Pocket Planner' }));
    expect(screen.getByText(/The current one stops working at once/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(posts('/api/auth/oauth2/client/rotate-secret')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, new secret' }));
    expect(await screen.findByRole('heading', { name: 'New secret for “Pocket Planner”' })).toHaveFocus();
    expect(screen.getByLabelText('Client secret')).toHaveValue(ROTATED);
    expect(screen.getByText(/The previous secret no longer works/)).toBeVisible();
    expect(posts('/api/auth/oauth2/client/rotate-secret')[0].body).toEqual({ client_id: 'cli-1' });
  });

  it('deletes an app only after confirmation', async () => {
    render(withQueryClient(<DeveloperApps />));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete tv-cli' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText(/Deleted tv-cli/)).toHaveFocus();
    expect(posts('/api/auth/oauth2/delete-client')[0].body).toEqual({ client_id: 'cli-2' });
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /tv-cli/ })).not.toBeInTheDocument());
  });
});
