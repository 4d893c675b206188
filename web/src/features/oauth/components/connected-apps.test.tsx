import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, type SeenRequest } from '../../../testing/fake-fetch';
import { withQueryClient } from '../../../testing/query-wrapper';
import { ConnectedApps } from './connected-apps';

let consents: Array<Record<string, unknown>>;
let seen: SeenRequest[];
const NAMES: Record<string, string> = { 'cli-1': 'Pocket Planner', 'cli-2': 'tv-cli' };

beforeEach(() => {
  consents = [
    {
      id: 'c-1',
      clientId: 'cli-1',
      userId: 'u-1',
      scopes: ['tasks:read', 'tasks:write'],
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      lastUsedAt: '2026-03-02T10:30:00.000Z',
    },
    { id: 'c-2', clientId: 'cli-2', userId: 'u-1', scopes: ['tasks:read'], createdAt: '2026-03-05T09:00:00.000Z' },
  ];
  seen = fakeFetch({
    'GET /api/auth/oauth2/get-consents': () => json(200, consents),
    'GET /api/auth/oauth2/public-client': ({ query }) =>
      json(200, { client_id: query.get('client_id'), client_name: NAMES[query.get('client_id')!] }),
    'POST /api/auth/oauth2/delete-consent': ({ body }) => {
      consents = consents.filter((consent) => consent.id !== (body as { id: string }).id);
      return json(200, null);
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('Account → Connected apps', () => {
  it('lists each app by name with what it may do, when it was authorized and last used', async () => {
    render(withQueryClient(<ConnectedApps />));
    const list = await screen.findByRole('list', { name: 'Your connected apps' });
    const planner = await within(list).findByRole('listitem', { name: /Pocket Planner/ });
    expect(planner).toHaveTextContent('See your tasks and your profile');
    expect(planner).toHaveTextContent('Create, change, complete and delete your tasks');
    expect(planner).toHaveTextContent(/Authorized .*2026/);
    expect(planner).toHaveTextContent(/last used .*2026/);
    const cli = await within(list).findByRole('listitem', { name: /tv-cli/ });
    expect(cli).toHaveTextContent('not used since it was authorized');
    expect(seen[0]).toMatchObject({
      path: '/api/auth/oauth2/get-consents',
      authorization: null,
      credentials: 'include',
    });
  });

  it('revokes only after confirmation, then says so and drops the app', async () => {
    render(withQueryClient(<ConnectedApps />));
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Pocket Planner' }));
    expect(screen.getByText('Revoke Pocket Planner? It will have to ask you again.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Revoke Pocket Planner' })).toHaveFocus();
    expect(seen.some((request) => request.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke Pocket Planner' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    expect(await screen.findByText(/Revoked Pocket Planner/)).toHaveFocus();
    expect(seen.find((request) => request.method === 'POST')).toMatchObject({
      path: '/api/auth/oauth2/delete-consent',
      body: { id: 'c-1' },
      authorization: null,
      credentials: 'include',
    });
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Pocket Planner/ })).not.toBeInTheDocument());
  });

  it('says when no app is connected', async () => {
    consents = [];
    render(withQueryClient(<ConnectedApps />));
    expect(await screen.findByText('You have not connected any apps.')).toBeVisible();
  });
});
