import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PersonalTokens } from './personal-tokens';

interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  credentials: RequestCredentials;
  body: unknown;
}

const SECRET = `tvp_${'A1b2C3d4E5'.repeat(4)}xyz`;
const stored = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  scopes: ['tasks:read'],
  prefix: 'tvp_A1b2C3',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
  lastUsedAt: null,
  ...extra,
});
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });

let tokens: Array<ReturnType<typeof stored> & { token?: string }>;
let seen: Seen[];
let createAnswer: () => Response;

beforeEach(() => {
  tokens = [
    stored('11111111-1111-4111-8111-111111111111', 'Backup script', { lastUsedAt: '2026-02-01T10:00:00.000Z' }),
    stored('22222222-2222-4222-8222-222222222222', 'Old laptop', { expiresAt: '2020-01-01T00:00:00.000Z' }),
  ];
  seen = [];
  createAnswer = () => {
    const created = { ...stored('33333333-3333-4333-8333-333333333333', 'CI job'), token: SECRET };
    tokens.unshift(created);
    return json(201, created);
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = await request.text();
      seen.push({
        method: request.method,
        path,
        authorization: request.headers.get('Authorization'),
        credentials: request.credentials,
        body: text ? JSON.parse(text) : undefined,
      });
      if (request.method === 'GET') return json(200, { items: tokens.map(({ token: _secret, ...rest }) => rest) });
      if (request.method === 'POST') return createAnswer();
      tokens = tokens.filter((token) => !path.endsWith(token.id));
      return json(204, undefined);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PersonalTokens />
    </QueryClientProvider>,
  );
}

describe('Account → Personal access tokens', () => {
  it('says what account events do to tokens', () => {
    renderSection();
    expect(screen.getByText(/Signing out everywhere and changing your password do not revoke tokens/)).toBeVisible();
    expect(screen.getByText('Deleting your account revokes every token.')).toBeVisible();
  });

  it('lists tokens with scopes, last use and expiry, using the session cookie and no bearer token', async () => {
    renderSection();
    const list = await screen.findByRole('list', { name: 'Your personal access tokens' });
    const backup = within(list).getByRole('listitem', { name: /Backup script/ });
    expect(backup).toHaveTextContent('tasks:read');
    expect(backup).toHaveTextContent(/last used/);
    const old = within(list).getByRole('listitem', { name: /Old laptop/ });
    expect(old).toHaveTextContent('Expired');
    expect(old).toHaveTextContent('never used');
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/tokens', authorization: null, credentials: 'include' });
  });

  it('creates a token with the chosen scopes and expiry, and shows its secret once with a warning and a copy button', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderSection();
    await screen.findByRole('list', { name: 'Your personal access tokens' });
    await userEvent.type(screen.getByLabelText('Token name'), '  CI job  ');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Change tasks' }));
    await userEvent.selectOptions(screen.getByLabelText('Expires after'), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const secret = await screen.findByLabelText('Token');
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute('readonly');
    expect(screen.getByRole('heading', { name: /Your new token “CI job”/ })).toHaveFocus();
    expect(screen.getByText(/this is the only time it is shown/)).toBeVisible();
    const created = seen.find((request) => request.method === 'POST')!;
    expect(created).toMatchObject({ path: '/api/tokens', authorization: null, credentials: 'include' });
    expect(created.body).toEqual({ name: 'CI job', scopes: ['tasks:read', 'tasks:write'], expiresInDays: 30 });

    await userEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await screen.findByText('Copied to the clipboard.')).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByLabelText('Token')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(await screen.findByRole('listitem', { name: /CI job/ })).toBeVisible();
  });

  it('asks for a name and a scope before sending anything', async () => {
    renderSection();
    await screen.findByRole('list', { name: 'Your personal access tokens' });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Read tasks' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(screen.getByText('Give the token a name.')).toBeVisible();
    expect(screen.getByText('Choose at least one scope.')).toBeVisible();
    expect(seen.some((request) => request.method === 'POST')).toBe(false);
  });

  it('shows the API’s reason when a token cannot be created (the 50-token limit)', async () => {
    createAnswer = () =>
      json(
        409,
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'You already have 50 active personal access tokens.',
        },
        'application/problem+json',
      );
    renderSection();
    await screen.findByRole('list', { name: 'Your personal access tokens' });
    await userEvent.type(screen.getByLabelText('Token name'), 'one more');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You already have 50 active personal access tokens.');
    expect(screen.queryByLabelText('Token')).not.toBeInTheDocument();
  });

  it('revokes only after confirmation, with keyboard focus following the question', async () => {
    renderSection();
    const revoke = await screen.findByRole('button', { name: 'Revoke Backup script' });
    await userEvent.click(revoke);
    expect(screen.getByText(/Revoke “Backup script”\? Anything using it stops working/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Revoke Backup script' })).toHaveFocus();
    expect(seen.some((request) => request.method === 'DELETE')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke Backup script' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    const outcome = await screen.findByText(/Revoked “Backup script”/);
    expect(outcome).toHaveFocus();
    const deleted = seen.find((request) => request.method === 'DELETE')!;
    expect(deleted).toMatchObject({
      path: '/api/tokens/11111111-1111-4111-8111-111111111111',
      authorization: null,
      credentials: 'include',
    });
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Backup script/ })).not.toBeInTheDocument());
  });
});
