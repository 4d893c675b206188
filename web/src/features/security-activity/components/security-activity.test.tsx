import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withQueryClient } from '../../../testing/query-wrapper';
import { SecurityActivity } from './security-activity';

const revokeOtherSessions = vi.fn();
vi.mock('../../../lib/auth-client', () => ({
  authClient: { revokeOtherSessions: (...args: unknown[]) => revokeOtherSessions(...args) },
}));

const event = (id: string, kind: string, minutesAgo: number, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  ip: '203.0.113.7',
  device: 'Firefox on Linux',
  thisDevice: false,
  ...extra,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let requests: Request[];
let pages: Record<string, { items: unknown[]; nextCursor: string | null }>;

beforeEach(() => {
  requests = [];
  pages = {
    first: {
      items: [
        event('11111111-1111-4111-8111-111111111111', 'sign_in', 5, { method: 'password', thisDevice: true }),
        event('22222222-2222-4222-8222-222222222222', 'sign_in_failed', 180, {
          method: 'password',
          ip: '198.51.100.9',
          device: 'Chrome on Windows',
        }),
      ],
      nextCursor: 'page-2',
    },
    'page-2': {
      items: [
        event('33333333-3333-4333-8333-333333333333', 'personal_token_created', 3 * 24 * 60, { tokenName: 'ci' }),
      ],
      nextCursor: null,
    },
  };
  revokeOtherSessions.mockReset();
  revokeOtherSessions.mockResolvedValue({ data: { status: true }, error: null });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      requests.push(request);
      const cursor = new URL(request.url).searchParams.get('cursor') ?? 'first';
      return json(200, pages[cursor]);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderPage() {
  render(
    withQueryClient(
      <MemoryRouter initialEntries={['/account/activity']}>
        <Routes>
          <Route path="/account/activity" element={<SecurityActivity />} />
          <Route path="/account/security" element={<h1>Account security page</h1>} />
        </Routes>
      </MemoryRouter>,
    ),
  );
}

describe('Account → Security activity', () => {
  it('lists what happened, when (relative and exact), from where, and marks this device', async () => {
    renderPage();
    const list = await screen.findByRole('list', { name: 'Security events, newest first' });
    const [signIn, failed] = within(list).getAllByRole('listitem');
    expect(signIn).toHaveTextContent('Signed in with the password');
    expect(signIn).toHaveTextContent('This device');
    expect(signIn).toHaveTextContent('5 minutes ago');
    const [first] = pages.first.items as Array<{ occurredAt: string }>;
    expect(within(signIn).getByText('5 minutes ago')).toHaveAttribute('dateTime', first.occurredAt);
    expect(failed).toHaveTextContent('Failed sign-in attempt with the password');
    expect(failed).toHaveTextContent('Chrome on Windows · 198.51.100.9');
    expect(failed).toHaveTextContent('3 hours ago');
    expect(failed).not.toHaveTextContent('This device');
    // The session cookie, never a bearer token: the route answers to the session only.
    expect(requests[0].credentials).toBe('include');
    expect(requests[0].headers.get('Authorization')).toBeNull();
    expect(new URL(requests[0].url).pathname).toBe('/api/users/me/security-activity');
  });

  it('shows older events a page at a time, by the cursor the API gave', async () => {
    renderPage();
    await screen.findByRole('list', { name: 'Security events, newest first' });
    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    expect(await screen.findByText('Access token created: ci')).toBeVisible();
    expect(new URL(requests[1].url).searchParams.get('cursor')).toBe('page-2');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show older' })).toBeNull());
  });

  it('"This wasn’t me" asks first, then signs out every other session and leads to changing the password', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'This wasn’t me' }));
    expect(screen.getByRole('heading', { name: 'Secure your account' })).toHaveFocus();
    expect(revokeOtherSessions).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('heading', { name: 'Secure your account' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'This wasn’t me' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else and change my password' }));
    expect(await screen.findByRole('heading', { name: 'Account security page' })).toBeVisible();
    expect(revokeOtherSessions).toHaveBeenCalledTimes(1);
  });

  it('stays on the page with an alert when signing out fails', async () => {
    revokeOtherSessions.mockResolvedValue({ data: null, error: { status: 500, message: 'boom' } });
    renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'This wasn’t me' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else and change my password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not sign out the other sessions');
  });

  it('says so when the list cannot be loaded', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(500, { type: 'about:blank', title: 'Internal', status: 500 })),
    );
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load your security activity.');
  });
});
