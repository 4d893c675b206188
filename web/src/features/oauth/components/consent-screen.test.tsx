import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../../testing/fake-fetch';
import { withQueryClient } from '../../../testing/query-wrapper';
import { ConsentScreen } from './consent-screen';

const SIGNED = new URLSearchParams([
  ['response_type', 'code'],
  ['client_id', 'client-123'],
  ['redirect_uri', 'http://127.0.0.1:41234/callback'],
  ['scope', 'tasks:read tasks:write offline_access'],
  ['state', 'st4te'],
  ['code_challenge', 'abc'],
  ['code_challenge_method', 'S256'],
  ['exp', '1999999999'],
  ['ba_iat', '1999999000000'],
]);
for (const name of [...new Set([...SIGNED.keys(), 'ba_param'])].sort()) SIGNED.append('ba_param', name);
SIGNED.append('sig', 'c2lnbmF0dXJl');
const SEARCH = `?${SIGNED.toString()}`;

afterEach(() => vi.unstubAllGlobals());

function renderConsent(search = SEARCH) {
  const onRedirect = vi.fn();
  render(withQueryClient(<ConsentScreen search={search} account="ada@example.com" onRedirect={onRedirect} />));
  return onRedirect;
}

const routes = (
  consent: (body: unknown) => Response = () =>
    json(200, { redirect: true, url: 'http://127.0.0.1:41234/callback?code=c0de&state=st4te' }),
) => ({
  'GET /api/auth/oauth2/public-client': () => json(200, { client_id: 'client-123', client_name: 'Pocket Planner' }),
  'POST /api/auth/oauth2/consent': ({ body }: { body: unknown }) => consent(body),
});

describe('ConsentScreen', () => {
  it('names the app, the account, where the user goes next, and each scope in words', async () => {
    const seen = fakeFetch(routes());
    renderConsent();
    expect(
      await screen.findByRole('heading', { name: 'Pocket Planner wants to use your Taskvault account' }),
    ).toBeVisible();
    expect(screen.getByText('ada@example.com')).toBeVisible();
    expect(screen.getByText('127.0.0.1:41234')).toBeVisible();
    const scopes = screen.getByRole('list', { name: 'What Pocket Planner asks for' });
    expect(scopes).toHaveTextContent('See your tasks and your profile');
    expect(scopes).toHaveTextContent('Create, change, complete and delete your tasks');
    expect(scopes).toHaveTextContent('Stay connected when you are not using it');
    expect(seen[0]).toMatchObject({
      method: 'GET',
      path: '/api/auth/oauth2/public-client',
      authorization: null,
      credentials: 'include',
    });
    expect(seen[0].query.get('client_id')).toBe('client-123');
  });

  it('Allow sends the signed query back unchanged and follows the answer to the app', async () => {
    const seen = fakeFetch(routes());
    // A parameter added to the address after signing is not part of what is sent back.
    const onRedirect = renderConsent(`${SEARCH}&scope_extra=admin`);
    await userEvent.click(await screen.findByRole('button', { name: 'Allow' }));
    const post = seen.find((request) => request.method === 'POST')!;
    expect(post.body).toEqual({ accept: true, oauth_query: SIGNED.toString() });
    expect(post).toMatchObject({ authorization: null, credentials: 'include' });
    expect(onRedirect).toHaveBeenCalledWith('http://127.0.0.1:41234/callback?code=c0de&state=st4te');
  });

  it('Deny sends accept: false and follows the answer (the app gets access_denied)', async () => {
    const seen = fakeFetch(
      routes(() =>
        json(200, { redirect: true, url: 'http://127.0.0.1:41234/callback?error=access_denied&state=st4te' }),
      ),
    );
    const onRedirect = renderConsent();
    await userEvent.click(await screen.findByRole('button', { name: 'Deny' }));
    expect(seen.find((request) => request.method === 'POST')!.body).toMatchObject({ accept: false });
    expect(onRedirect).toHaveBeenCalledWith('http://127.0.0.1:41234/callback?error=access_denied&state=st4te');
  });

  it('never follows an answer that is not a web address', async () => {
    fakeFetch(routes(() => json(200, { redirect: true, url: 'javascript:alert(document.cookie)' })));
    const onRedirect = renderConsent();
    await userEvent.click(await screen.findByRole('button', { name: 'Allow' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not a web address');
    expect(onRedirect).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal of a tampered or expired query, and stays', async () => {
    fakeFetch(
      routes(() =>
        json(400, { error: 'invalid_signature', error_description: 'The request has expired or was changed.' }),
      ),
    );
    const onRedirect = renderConsent();
    await userEvent.click(await screen.findByRole('button', { name: 'Allow' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This request has expired or was changed on its way. Go back to the app and start again.',
    );
    expect(onRedirect).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Allow' })).toBeEnabled();
  });

  it('says so when opened without a signed request, and asks the server nothing', () => {
    const seen = fakeFetch(routes());
    renderConsent('?client_id=client-123&scope=tasks:read');
    expect(screen.getByRole('alert')).toHaveTextContent('This page needs a request from an app');
    expect(seen).toHaveLength(0);
  });

  it('says the app is unknown when the server does not know the client', async () => {
    fakeFetch({
      'GET /api/auth/oauth2/public-client': () =>
        json(404, { error: 'not_found', error_description: 'client not found' }),
    });
    renderConsent();
    expect(await screen.findByRole('alert')).toHaveTextContent('This app is not registered with Taskvault');
    expect(screen.queryByRole('button', { name: 'Allow' })).not.toBeInTheDocument();
  });
});
