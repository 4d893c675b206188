import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../../testing/fake-fetch';
import { withQueryClient } from '../../../testing/query-wrapper';
import { DeviceApproval } from './device-approval';

afterEach(() => vi.unstubAllGlobals());

const pending = { user_code: 'WDJBMJHT', status: 'pending', client_id: 'cli-1', scope: 'tasks:read offline_access' };
const routes = (overrides: Record<string, () => Response> = {}) => ({
  'GET /api/auth/device': () => json(200, pending),
  'GET /api/auth/oauth2/public-client': () => json(200, { client_id: 'cli-1', client_name: 'tv-cli' }),
  'POST /api/auth/device/approve': () => json(200, { success: true }),
  'POST /api/auth/device/deny': () => json(200, { success: true }),
  ...overrides,
});

function renderDevice(initialCode?: string) {
  render(withQueryClient(<DeviceApproval initialCode={initialCode} account="ada@example.com" />));
}

describe('DeviceApproval', () => {
  it('accepts the code typed in lower case without the dash, shows the app and its scopes, and approves', async () => {
    const seen = fakeFetch(routes());
    renderDevice();
    await userEvent.type(screen.getByLabelText('Code'), 'wdjb mjht');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('heading', { name: 'tv-cli wants to sign in to your Taskvault account' }),
    ).toHaveFocus();
    expect(screen.getByText('WDJB-MJHT')).toBeVisible();
    expect(screen.getByText('ada@example.com')).toBeVisible();
    expect(screen.getByRole('list', { name: 'What tv-cli asks for' })).toHaveTextContent(
      'See your tasks and your profile',
    );
    expect(seen[0]).toMatchObject({
      method: 'GET',
      path: '/api/auth/device',
      authorization: null,
      credentials: 'include',
    });
    expect(seen[0].query.get('user_code')).toBe('WDJBMJHT');

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Approved. Go back to your device');
    expect(seen.find((request) => request.path === '/api/auth/device/approve')!.body).toEqual({ userCode: 'WDJBMJHT' });
  });

  it('accepts the code with the dash in mixed case, and denies', async () => {
    const seen = fakeFetch(routes());
    renderDevice();
    await userEvent.type(screen.getByLabelText('Code'), 'WdJb-MjHt');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Deny' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Denied. The app was not given access.');
    expect(seen.find((request) => request.path === '/api/auth/device/deny')!.body).toEqual({ userCode: 'WDJBMJHT' });
    expect(seen.some((request) => request.path === '/api/auth/device/approve')).toBe(false);
  });

  it('fills in a code from the link but sends nothing until the user continues', async () => {
    const seen = fakeFetch(routes());
    renderDevice('wdjbmjht');
    expect(screen.getByLabelText('Code')).toHaveValue('WDJB-MJHT');
    expect(seen).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('button', { name: 'Approve' })).toBeVisible();
  });

  it('says an expired code has expired', async () => {
    fakeFetch(
      routes({
        'GET /api/auth/device': () => json(400, { error: 'expired_token', error_description: 'User code has expired' }),
      }),
    );
    renderDevice();
    await userEvent.type(screen.getByLabelText('Code'), 'ABCD-EFGH');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This code has expired. Ask the app for a new code');
  });

  it('says an unknown code is unknown', async () => {
    fakeFetch(
      routes({
        'GET /api/auth/device': () => json(400, { error: 'invalid_request', error_description: 'Invalid user code' }),
      }),
    );
    renderDevice();
    await userEvent.type(screen.getByLabelText('Code'), 'ZZZZ-ZZZZ');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('We don’t know this code.');
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('says a code already decided cannot be used again', async () => {
    fakeFetch(routes({ 'GET /api/auth/device': () => json(200, { ...pending, status: 'approved' }) }));
    renderDevice();
    await userEvent.type(screen.getByLabelText('Code'), 'ABCDEFGH');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This code was already approved.');
  });

  it('asks for a code before sending anything', async () => {
    const seen = fakeFetch(routes());
    renderDevice();
    await userEvent.type(screen.getByLabelText('Code'), ' - ');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter the code the app shows.')).toBeVisible();
    expect(screen.getByLabelText('Code')).toHaveAttribute('aria-invalid', 'true');
    expect(seen).toHaveLength(0);
  });
});
