import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser, uniqueEmail } from '../support/auth-fixtures.js';
import { type OAuthApp, pkce, postForm, RedirectListener, registerApp } from '../support/oauth-fixtures.js';
import { startTestApp, TEST_WEB_ORIGIN, type TestApp } from '../support/test-app.js';
import { secretOf, totpCode } from '../support/totp.js';

const CHALLENGE_COOKIE = /^better-auth\.two_factor=[^;]+/;

/**
 * The web app's part of an authorization when no one is signed in: the authorize endpoint sends
 * the browser to /login with a signed query; the page signs in with that query as `oauth_query`
 * and is told where to go next (the consent page); the consent page posts the decision.
 */
describe('OAuth authorization through the sign-in page', () => {
  let api: TestApp;
  let owner: TestUser;
  let listener: RedirectListener;
  let app: OAuthApp;
  let resource: string;

  beforeAll(async () => {
    api = await startTestApp();
    owner = await createUser(api.baseUrl);
    listener = await new RedirectListener().start();
    app = await registerApp(api.baseUrl, owner.sessionToken, {
      redirect_uris: [listener.url],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
    });
    resource = (
      (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as { resource: string }
    ).resource;
  });
  afterAll(async () => {
    await listener.close();
    await api.close();
  });

  /** GET /oauth2/authorize with no session, as a browser arriving from the app. */
  async function startAuthorization(challenge: string, state: string) {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: listener.url,
      scope: 'tasks:read',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      resource,
    });
    const response = await fetch(`${api.baseUrl}/api/auth/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  }

  /** A fetch from the web app's page (what a browser sends with it). */
  const fromPage = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    origin: TEST_WEB_ORIGIN,
    'sec-fetch-mode': 'cors',
    ...extra,
  });

  async function postJson(path: string, body: unknown, headers: Record<string, string>) {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await response.text();
    return { response, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  }

  /** Allow on the consent page (its signed query) with the session: the app's callback query. */
  async function allowOnConsentPage(consentPage: URL, sessionToken: string): Promise<URLSearchParams> {
    const allowed = await postJson(
      '/api/auth/oauth2/consent',
      { accept: true, oauth_query: consentPage.search.slice(1) },
      fromPage({ authorization: `Bearer ${sessionToken}` }),
    );
    expect(allowed.response.status).toBe(200);
    expect(allowed.body.redirect).toBe(true);
    return listener.follow(String(allowed.body.url));
  }

  /** The app exchanges the callback's code and asks the API who the token is for. */
  async function userOfCode(callback: URLSearchParams, verifier: string): Promise<string> {
    const exchange = await postForm(
      `${api.baseUrl}/api/auth/oauth2/token`,
      {
        grant_type: 'authorization_code',
        code: callback.get('code')!,
        code_verifier: verifier,
        redirect_uri: listener.url,
        resource,
      },
      app,
    );
    expect(exchange.status).toBe(200);
    const me = await fetch(`${api.baseUrl}/api/users/me`, {
      headers: { authorization: `Bearer ${String(exchange.body.access_token)}` },
    });
    expect(me.status).toBe(200);
    return ((await me.json()) as { id: string }).id;
  }

  it('sends a browser without a session to /login with a signed query, then on to consent and the app', async () => {
    const { verifier, challenge } = pkce();
    const login = await startAuthorization(challenge, 'from-login');
    expect(`${login.origin}${login.pathname}`).toBe(`${resource}/login`);
    expect(login.searchParams.get('client_id')).toBe(app.client_id);
    expect(login.searchParams.get('sig')).toEqual(expect.any(String));

    const user = await createUser(api.baseUrl);
    const signedIn = await postJson(
      '/api/auth/sign-in/email',
      { email: user.email, password: user.password, oauth_query: login.search.slice(1) },
      fromPage(),
    );
    expect(signedIn.response.status).toBe(200);
    expect(signedIn.body.redirect).toBe(true);
    const consentPage = new URL(String(signedIn.body.url));
    expect(`${consentPage.origin}${consentPage.pathname}`).toBe(`${resource}/consent`);
    expect(consentPage.searchParams.get('scope')).toBe('tasks:read');
    const sessionToken = signedIn.response.headers.get('set-auth-token')!;
    expect(sessionToken).toEqual(expect.any(String));

    const callback = await allowOnConsentPage(consentPage, sessionToken);
    expect(callback.get('state')).toBe('from-login');
    expect(await userOfCode(callback, verifier)).toBe(user.id);
  });

  it('continues the authorization after signing up on the same page', async () => {
    const login = await startAuthorization(pkce().challenge, 'from-sign-up');
    const signedUp = await postJson(
      '/api/auth/sign-up/email',
      {
        name: 'New',
        email: uniqueEmail('oauth'),
        password: 'a long enough password 1',
        oauth_query: login.search.slice(1),
      },
      fromPage(),
    );
    expect(signedUp.response.status).toBe(200);
    expect(signedUp.body.redirect).toBe(true);
    expect(new URL(String(signedUp.body.url)).pathname).toBe('/consent');
  });

  it('refuses a sign-in whose oauth_query was changed (a wider scope), without signing in', async () => {
    const login = await startAuthorization(pkce().challenge, 'tampered');
    login.searchParams.set('scope', 'tasks:read tasks:write');
    const user = await createUser(api.baseUrl);
    const refused = await postJson(
      '/api/auth/sign-in/email',
      { email: user.email, password: user.password, oauth_query: login.search.slice(1) },
      fromPage(),
    );
    expect(refused.response.status).toBe(400);
    expect(refused.body.error).toBe('invalid_signature');
    expect(refused.response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an oauth_query longer than its limit before anything else', async () => {
    const user = await createUser(api.baseUrl);
    const refused = await postJson(
      '/api/auth/sign-in/email',
      { email: user.email, password: user.password, oauth_query: 'a'.repeat(4097) },
      fromPage(),
    );
    expect(refused.response.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_OAUTH_QUERY');
  });

  /** Turns two-factor on (enable with the password, confirm with a code): the secret and the backup codes. */
  async function withTwoFactor(user: TestUser) {
    const bearer = fromPage({ authorization: `Bearer ${user.sessionToken}` });
    const enabled = await postJson('/api/auth/two-factor/enable', { password: user.password }, bearer);
    expect(enabled.response.status).toBe(200);
    const secret = secretOf(String(enabled.body.totpURI));
    const confirmed = await postJson('/api/auth/two-factor/verify-totp', { code: totpCode(secret) }, bearer);
    expect(confirmed.response.status).toBe(200);
    return { secret, backupCodes: enabled.body.backupCodes as string[] };
  }

  /** The password step on the sign-in page of an authorization: "second factor required" and its cookie. */
  async function passwordStep(user: TestUser, oauthQuery: string): Promise<string> {
    const first = await postJson(
      '/api/auth/sign-in/email',
      { email: user.email, password: user.password, oauth_query: oauthQuery },
      fromPage(),
    );
    expect(first.response.status).toBe(200);
    expect(first.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    expect(first.response.headers.get('set-auth-token')).toBeNull();
    const challenge = first.response.headers.getSetCookie().find((cookie) => CHALLENGE_COOKIE.test(cookie));
    if (!challenge) throw new Error('no two_factor cookie');
    return challenge.split(';')[0];
  }

  it('continues the authorization after the second step of a two-factor sign-in, to consent and the app', async () => {
    const { verifier, challenge } = pkce();
    const login = await startAuthorization(challenge, 'two-factor');
    const user = await createUser(api.baseUrl);
    const { secret } = await withTwoFactor(user);
    const twoFactorCookie = await passwordStep(user, login.search.slice(1));

    const second = await postJson(
      '/api/auth/two-factor/verify-totp',
      { code: totpCode(secret), oauth_query: login.search.slice(1) },
      fromPage({ cookie: twoFactorCookie }),
    );
    expect(second.response.status).toBe(200);
    expect(second.body.redirect).toBe(true);
    const consentPage = new URL(String(second.body.url));
    expect(`${consentPage.origin}${consentPage.pathname}`).toBe(`${resource}/consent`);
    const sessionToken = second.response.headers.get('set-auth-token')!;
    expect(sessionToken).toEqual(expect.any(String));

    const callback = await allowOnConsentPage(consentPage, sessionToken);
    expect(callback.get('state')).toBe('two-factor');
    expect(await userOfCode(callback, verifier)).toBe(user.id);
  });

  it('goes straight back to the app after a backup code when the user already allowed it', async () => {
    const user = await createUser(api.baseUrl);
    const { secret, backupCodes } = await withTwoFactor(user);
    // First authorization: allowed on the consent page.
    const first = await startAuthorization(pkce().challenge, 'first');
    const firstSecond = await postJson(
      '/api/auth/two-factor/verify-totp',
      { code: totpCode(secret), oauth_query: first.search.slice(1) },
      fromPage({ cookie: await passwordStep(user, first.search.slice(1)) }),
    );
    await allowOnConsentPage(
      new URL(String(firstSecond.body.url)),
      firstSecond.response.headers.get('set-auth-token')!,
    );

    // Second authorization, signed in with a backup code: the consent stands, so on to the app.
    const again = await startAuthorization(pkce().challenge, 'again');
    const second = await postJson(
      '/api/auth/two-factor/verify-backup-code',
      { code: backupCodes[0], oauth_query: again.search.slice(1) },
      fromPage({ cookie: await passwordStep(user, again.search.slice(1)) }),
    );
    expect(second.response.status).toBe(200);
    expect(second.body.redirect).toBe(true);
    const callback = await listener.follow(String(second.body.url));
    expect(callback.get('state')).toBe('again');
    expect(callback.get('code')).toEqual(expect.any(String));
  });

  it('refuses a second step whose oauth_query was changed, without signing in', async () => {
    const login = await startAuthorization(pkce().challenge, 'tampered-second-step');
    const user = await createUser(api.baseUrl);
    const { secret } = await withTwoFactor(user);
    const twoFactorCookie = await passwordStep(user, login.search.slice(1));
    login.searchParams.set('scope', 'tasks:read tasks:write');
    const refused = await postJson(
      '/api/auth/two-factor/verify-totp',
      { code: totpCode(secret), oauth_query: login.search.slice(1) },
      fromPage({ cookie: twoFactorCookie }),
    );
    expect(refused.response.status).toBe(400);
    expect(refused.body.error).toBe('invalid_signature');
    expect(refused.response.headers.get('set-auth-token')).toBeNull();
    expect(refused.response.headers.getSetCookie().some((c) => c.startsWith('better-auth.session_token='))).toBe(false);
  });

  it('signs in as before without oauth_query: { token, user }', async () => {
    const user = await createUser(api.baseUrl);
    const signedIn = await postJson(
      '/api/auth/sign-in/email',
      { email: user.email, password: user.password },
      fromPage(),
    );
    expect(signedIn.response.status).toBe(200);
    expect(signedIn.body).toMatchObject({ token: expect.any(String), user: { id: user.id } });
  });
});
