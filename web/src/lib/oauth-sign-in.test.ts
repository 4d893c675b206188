import { afterEach, describe, expect, it } from 'vitest';
import { oauthSignIn } from './oauth-sign-in';

const SIGNED = 'client_id=c1&scope=tasks%3Aread&ba_param=ba_param&ba_param=client_id&ba_param=scope&sig=abc';
const onRequest = oauthSignIn().fetchPlugins[0].hooks.onRequest;

function request(path: string, body: unknown = { email: 'ada@example.com', password: 'pw' }) {
  const context = { url: `http://localhost/api/auth${path}`, body, method: 'POST' };
  onRequest(context);
  return context.body;
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('sign-in during an OAuth authorization', () => {
  it('sends the page’s signed query with the sign-in, and nothing added to the address after signing', () => {
    window.history.replaceState(null, '', `/login?${SIGNED}&evil=1`);
    expect(JSON.parse(request('/sign-in/email') as string)).toEqual({
      email: 'ada@example.com',
      password: 'pw',
      oauth_query: SIGNED,
    });
  });

  it('adds it to sign-in and sign-up only, not to other calls made from the page', () => {
    window.history.replaceState(null, '', `/login?${SIGNED}`);
    expect(request('/sign-out', {})).toEqual({});
    expect(request('/send-verification-email', { email: 'a@b.c' })).toEqual({ email: 'a@b.c' });
    expect(JSON.parse(request('/sign-up/email', { name: 'A' }) as string)).toEqual({ name: 'A', oauth_query: SIGNED });
  });

  it('sends it with the second step of a two-factor sign-in, which is where the session starts', () => {
    window.history.replaceState(null, '', `/login?${SIGNED}`);
    for (const path of ['/two-factor/verify-totp', '/two-factor/verify-backup-code'])
      expect(JSON.parse(request(path, { code: '123456' }) as string)).toEqual({ code: '123456', oauth_query: SIGNED });
  });

  it('leaves a plain sign-in alone', () => {
    window.history.replaceState(null, '', '/login?returnTo=%2Ftasks');
    expect(request('/sign-in/email')).toEqual({ email: 'ada@example.com', password: 'pw' });
  });
});
