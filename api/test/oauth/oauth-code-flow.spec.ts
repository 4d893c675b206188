import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import {
  authorize,
  consent,
  type OAuthApp,
  pkce,
  postForm,
  RedirectListener,
  registerApp,
} from '../support/oauth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('OAuth 2.1 authorization code flow with PKCE', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let listener: RedirectListener;
  let app: OAuthApp;
  let resource: string;
  let tokenUrl: string;
  let revokeUrl: string;

  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob] = await Promise.all([createUser(api.baseUrl), createUser(api.baseUrl)]);
    listener = await new RedirectListener().start();
    app = await registerApp(api.baseUrl, alice.sessionToken, {
      redirect_uris: [listener.url],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const metadata = (await (await fetch(`${api.baseUrl}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      string
    >;
    const protectedResource = (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as {
      resource: string;
    };
    resource = protectedResource.resource;
    // The endpoints are whatever the metadata names; tests talk to this instance's port.
    const local = (url: string) => `${api.baseUrl}${new URL(url).pathname}`;
    tokenUrl = local(metadata.token_endpoint);
    revokeUrl = local(metadata.revocation_endpoint);
  });
  afterAll(async () => {
    await listener.close();
    await api.close();
  });

  /** The whole dance for `user`: authorize, consent, the redirect, the code exchange. */
  async function grant(user: TestUser, scope: string) {
    const { verifier, challenge } = pkce();
    const state = `state-${Math.random()}`;
    const start = await authorize(api.baseUrl, user.sessionToken, app, { scope, state, challenge, resource });
    expect(start.status).toBe(302);
    // The first time, the consent page; once the user has agreed to these scopes, straight back.
    let location = start.location;
    if (new URL(location).pathname === '/consent') {
      const allowed = await consent(api.baseUrl, user.sessionToken, start.location);
      expect(allowed.status).toBe(302);
      location = allowed.location;
    }
    const callback = await listener.follow(location);
    expect(callback.get('state')).toBe(state);
    const code = callback.get('code')!;
    const exchange = await postForm(
      tokenUrl,
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: listener.url, resource },
      app,
    );
    expect(exchange.status).toBe(200);
    return { ...exchange.body, callback, code, verifier } as {
      access_token: string;
      refresh_token?: string;
      scope: string;
      expires_in: number;
      callback: URLSearchParams;
      code: string;
      verifier: string;
    };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

  it('publishes metadata that names every endpoint and offers only code + PKCE S256', async () => {
    const response = await fetch(`${api.baseUrl}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    for (const field of ['jwks_uri', 'revocation_endpoint', 'device_authorization_endpoint', 'token_endpoint'])
      expect(typeof metadata[field]).toBe('string');
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.grant_types_supported).not.toContain('client_credentials');
    expect(metadata.grant_types_supported).not.toContain('password');
    expect(metadata.grant_types_supported).not.toContain('implicit');
    expect(metadata).not.toHaveProperty('introspection_endpoint');
    expect(metadata).not.toHaveProperty('registration_endpoint');
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('issues an RFC 9068 access token the API accepts, with state and iss in the redirect', async () => {
    const tokens = await grant(alice, 'tasks:read tasks:write offline_access');
    expect(tokens.callback.get('iss')).toBe(decode(tokens.access_token.split('.')[1]).iss);
    const [header, payload] = tokens.access_token.split('.').map((part, index) => (index < 2 ? decode(part) : {}));
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(payload).toMatchObject({ sub: alice.id, aud: resource, client_id: app.client_id });
    expect(String(payload.scope).split(' ').sort()).toEqual(['offline_access', 'tasks:read', 'tasks:write']);
    expect(Number(payload.exp) - Number(payload.iat)).toBeLessThanOrEqual(900);
    expect(typeof tokens.refresh_token).toBe('string');

    const created = await fetch(`${api.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { ...bearer(tokens.access_token), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'From the app' }),
    });
    expect(created.status).toBe(201);
    const me = await fetch(`${api.baseUrl}/api/users/me`, { headers: bearer(tokens.access_token) });
    expect(((await me.json()) as { id: string }).id).toBe(alice.id);
  });

  it('gives an app that names no resource (plain OAuth 2.1) a JWT for this API', async () => {
    const { verifier, challenge } = pkce();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: listener.url,
      scope: 'tasks:read',
      state: 'no-resource',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const start = await fetch(`${api.baseUrl}/api/auth/oauth2/authorize?${query}`, {
      headers: bearer(alice.sessionToken),
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    let location = start.headers.get('location')!;
    if (new URL(location).pathname === '/consent')
      location = (await consent(api.baseUrl, alice.sessionToken, location)).location;
    const callback = await listener.follow(location);
    const exchange = await postForm(
      tokenUrl,
      {
        grant_type: 'authorization_code',
        code: callback.get('code')!,
        code_verifier: verifier,
        redirect_uri: listener.url,
      },
      app,
    );
    expect(exchange.status).toBe(200);
    const accessToken = exchange.body.access_token as string;
    expect(decode(accessToken.split('.')[1]).aud).toBe(resource);
    expect((await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(accessToken) })).status).toBe(200);
  });

  it('limits the app to the scopes granted: tasks:read cannot write', async () => {
    const tokens = await grant(alice, 'tasks:read');
    const read = await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) });
    expect(read.status).toBe(200);
    const write = await fetch(`${api.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { ...bearer(tokens.access_token), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Not allowed' }),
    });
    expect(write.status).toBe(403);
  });

  it('keeps an app authorized by A away from B’s tasks', async () => {
    const bobsTask = await createTask(api.baseUrl, bob.jwt, { title: 'Bob only' });
    const tokens = await grant(alice, 'tasks:read');
    const list = await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) });
    const body = (await list.json()) as { items?: Array<{ id: string }>; data?: Array<{ id: string }> };
    const ids = (body.items ?? body.data ?? []).map((task) => task.id);
    expect(ids).not.toContain(bobsTask.id);
    const direct = await fetch(`${api.baseUrl}/api/tasks/${bobsTask.id}`, { headers: bearer(tokens.access_token) });
    expect(direct.status).toBe(404);
  });

  it('refuses a wrong verifier, a reused code, and a code for another client with invalid_grant', async () => {
    const other = await registerApp(api.baseUrl, bob.sessionToken, {
      redirect_uris: [listener.url],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    const { verifier, challenge } = pkce();
    const start = await authorize(api.baseUrl, alice.sessionToken, app, { challenge, resource });
    const callback = await listener.follow(
      new URL(start.location).pathname === '/consent'
        ? (await consent(api.baseUrl, alice.sessionToken, start.location)).location
        : start.location,
    );
    const code = callback.get('code')!;
    const exchange = (fields: Record<string, string>, client = app) =>
      postForm(
        tokenUrl,
        { grant_type: 'authorization_code', code, redirect_uri: listener.url, resource, ...fields },
        client,
      );

    const wrongVerifier = await exchange({ code_verifier: pkce().verifier });
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.body.error).toBe('invalid_grant');

    const otherClient = await exchange({ code_verifier: verifier }, other);
    expect([400, 401]).toContain(otherClient.status);
    expect(['invalid_grant', 'invalid_client']).toContain(otherClient.body.error);

    // Whether or not a failed attempt burnt it, a code is good once at most.
    const first = await exchange({ code_verifier: verifier });
    const again = await exchange({ code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect([200, 400]).toContain(first.status);
  });

  /** The web app's error page on the API's own origin: the only place a faulty request is sent. */
  function expectErrorPage(answer: { status: number; location: string }, error: string) {
    expect(answer.status).toBe(302);
    const target = new URL(answer.location);
    expect(`${target.origin}${target.pathname}`).toBe(`${resource}/oauth-error`);
    expect(target.searchParams.get('error')).toBe(error);
    expect(target.searchParams.get('error_description')).toEqual(expect.any(String));
    expect(target.searchParams.has('code')).toBe(false);
    expect(target.searchParams.has('state')).toBe(false);
    expect(answer.location).not.toContain(encodeURIComponent(listener.url));
  }

  it('sends an authorization request with an oversized, repeated or unprintable parameter to the error page', async () => {
    const received = listener.received.length;
    const oversized = await authorize(api.baseUrl, alice.sessionToken, app, {
      challenge: pkce().challenge,
      resource,
      state: 'x'.repeat(2049),
    });
    expectErrorPage(oversized, 'invalid_request');
    expect(new URL(oversized.location).searchParams.get('error_description')).toBe(
      'state must be at most 2048 characters',
    );
    const unprintable = await authorize(api.baseUrl, alice.sessionToken, app, {
      challenge: pkce().challenge,
      resource,
      state: 'a\u0000b',
    });
    expectErrorPage(unprintable, 'invalid_request');
    // RFC 6749 §3.1: a parameter sent twice is refused; which of the two would count is ambiguous.
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: app.redirect_uris[0],
      scope: 'tasks:read',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      resource,
    });
    query.append('client_id', 'another-client');
    const repeated = await fetch(`${api.baseUrl}/api/auth/oauth2/authorize?${query}`, {
      headers: { authorization: `Bearer ${alice.sessionToken}` },
      redirect: 'manual',
    });
    expectErrorPage({ status: repeated.status, location: repeated.headers.get('location') ?? '' }, 'invalid_request');
    expect(listener.received.length).toBe(received);
  });

  it('refuses an oversized query on the other OAuth routes with 400', async () => {
    const answer = await fetch(`${api.baseUrl}/api/auth/oauth2/public-client?client_id=${'c'.repeat(2049)}`, {
      headers: { authorization: `Bearer ${alice.sessionToken}` },
    });
    expect(answer.status).toBe(400);
    expect((await answer.json()).code).toBe('INVALID_QUERY');
  });

  it('sends an unregistered redirect URI to the error page, never to the URI', async () => {
    const start = await authorize(api.baseUrl, alice.sessionToken, app, {
      challenge: pkce().challenge,
      resource,
      redirectUri: 'https://attacker.example/steal',
    });
    expect(start.location).not.toContain('attacker.example');
    expectErrorPage(start, 'invalid_redirect');
  });

  it('sends a request without PKCE, or with plain PKCE, to the error page, never to the app', async () => {
    const received = listener.received.length;
    const missing = await authorize(api.baseUrl, alice.sessionToken, app, { resource, state: 's1' });
    expectErrorPage(missing, 'invalid_request');
    expect(new URL(missing.location).searchParams.get('error_description')).toMatch(/pkce|code_challenge/i);
    const plain = await authorize(api.baseUrl, alice.sessionToken, app, {
      resource,
      state: 's2',
      challenge: pkce().verifier,
      method: 'plain',
    });
    expectErrorPage(plain, 'invalid_request');
    expect(new URL(plain.location).searchParams.get('error_description')).toMatch(/S256/);
    expect(listener.received.length).toBe(received);
  });

  it('sends an unknown scope to the error page without issuing a code', async () => {
    const answer = await authorize(api.baseUrl, alice.sessionToken, app, {
      resource,
      challenge: pkce().challenge,
      scope: 'tasks:read admin',
    });
    expectErrorPage(answer, 'invalid_scope');
    expect(new URL(answer.location).searchParams.get('error_description')).toContain('admin');
  });

  it('sends a faulty request to the error page also when the page fetches the redirect as JSON', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: listener.url,
      scope: 'tasks:read admin',
      state: 'json',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      resource,
    });
    const response = await fetch(`${api.baseUrl}/api/auth/oauth2/authorize?${query}`, {
      headers: { authorization: `Bearer ${alice.sessionToken}`, accept: 'application/json' },
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { redirect: boolean; url: string };
    expect(body.redirect).toBe(true);
    expectErrorPage({ status: 302, location: body.url }, 'invalid_scope');
  });

  it('still sends the user’s refusal to the app: access_denied with state and iss', async () => {
    const start = await authorize(api.baseUrl, bob.sessionToken, app, {
      resource,
      challenge: pkce().challenge,
      state: 'denied',
      scope: 'tasks:read',
    });
    expect(new URL(start.location).pathname).toBe('/consent');
    const denied = await consent(api.baseUrl, bob.sessionToken, start.location, false);
    // Better Auth answers a refusal as JSON ({ redirect, url }) for the consent page to follow.
    expect(denied.status).toBe(200);
    const answer = JSON.parse(denied.body) as { redirect: boolean; url: string };
    expect(answer.redirect).toBe(true);
    const target = new URL(answer.url);
    expect(`${target.origin}${target.pathname}`).toBe(listener.url);
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('denied');
    expect(target.searchParams.get('iss')).toEqual(expect.any(String));
  });

  it('refuses a consent whose signed query (state, scope) was tampered with', async () => {
    const start = await authorize(api.baseUrl, alice.sessionToken, app, {
      resource,
      challenge: pkce().challenge,
      state: 'original',
      scope: 'tasks:read',
    });
    for (const [name, value] of [
      ['state', 'forged'],
      ['scope', 'tasks:read tasks:write'],
    ]) {
      const forged = new URL(start.location);
      forged.searchParams.set(name, value);
      const answer = await consent(api.baseUrl, alice.sessionToken, forged.toString());
      expect(answer.status).toBe(400);
      expect(answer.location).toBe('');
    }
  });

  it('rotates refresh tokens, and a reused one revokes the whole grant', async () => {
    const tokens = await grant(alice, 'tasks:read offline_access');
    const refresh = (token: string) =>
      postForm(tokenUrl, { grant_type: 'refresh_token', refresh_token: token, resource }, app);
    const rotated = await refresh(tokens.refresh_token!);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    const latestAccess = rotated.body.access_token as string;
    expect((await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(latestAccess) })).status).toBe(200);

    const reused = await refresh(tokens.refresh_token!);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    // The thief's replay ends the grant: the newest refresh token and access token are dead too.
    const newest = await refresh(rotated.body.refresh_token as string);
    expect(newest.body.error).toBe('invalid_grant');
    await until(
      async () => (await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(latestAccess) })).status === 401,
    );
  });

  it('revokes a refresh token (RFC 7009), which ends the grant’s access tokens', async () => {
    const tokens = await grant(alice, 'tasks:read offline_access');
    const revoked = await postForm(revokeUrl, { token: tokens.refresh_token!, token_type_hint: 'refresh_token' }, app);
    expect(revoked.status).toBe(200);
    const unknown = await postForm(revokeUrl, { token: 'not-a-token', token_type_hint: 'refresh_token' }, app);
    expect(unknown.status).toBe(200);
    const refresh = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, resource },
      app,
    );
    expect(refresh.body.error).toBe('invalid_grant');
    await until(
      async () => (await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) })).status === 401,
    );
  });

  it('records when the app last used its grant: on the code exchange and each refresh, not on API calls', async () => {
    const consentOf = async () => {
      const consents = (await (
        await fetch(`${api.baseUrl}/api/auth/oauth2/get-consents`, { headers: bearer(alice.sessionToken) })
      ).json()) as Array<{ clientId: string; createdAt: string; lastUsedAt: string | null }>;
      return consents.find((entry) => entry.clientId === app.client_id)!;
    };
    const before = Date.now();
    const tokens = await grant(alice, 'tasks:read offline_access');
    const exchanged = await consentOf();
    expect(exchanged.lastUsedAt).toEqual(expect.any(String));
    const exchangedAt = Date.parse(exchanged.lastUsedAt!);
    expect(exchangedAt).toBeGreaterThanOrEqual(before - 1000);

    // API requests with the access token do not write.
    expect((await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) })).status).toBe(200);
    expect((await consentOf()).lastUsedAt).toBe(exchanged.lastUsedAt);

    await until(async () => Date.now() > exchangedAt + 5);
    const refreshed = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, resource },
      app,
    );
    expect(refreshed.status).toBe(200);
    expect(Date.parse((await consentOf()).lastUsedAt!)).toBeGreaterThan(exchangedAt);

    // Another user's consents never carry this app's use by Alice.
    const bobs = (await (
      await fetch(`${api.baseUrl}/api/auth/oauth2/get-consents`, { headers: bearer(bob.sessionToken) })
    ).json()) as Array<{ clientId: string; userId: string }>;
    expect(bobs.every((entry) => entry.userId === bob.id)).toBe(true);
  });

  it('refuses the access tokens of an app its user revoked within a second', async () => {
    const tokens = await grant(alice, 'tasks:read offline_access');
    expect((await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) })).status).toBe(200);
    const consents = (await (
      await fetch(`${api.baseUrl}/api/auth/oauth2/get-consents`, { headers: bearer(alice.sessionToken) })
    ).json()) as Array<{ id: string; clientId: string }>;
    const mine = consents.find((entry) => entry.clientId === app.client_id)!;
    const revokedAt = Date.now();
    const deleted = await fetch(`${api.baseUrl}/api/auth/oauth2/delete-consent`, {
      method: 'POST',
      headers: { ...bearer(alice.sessionToken), 'content-type': 'application/json' },
      body: JSON.stringify({ id: mine.id }),
    });
    expect(deleted.status).toBe(200);
    await until(
      async () => (await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) })).status === 401,
    );
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    const refresh = await postForm(
      tokenUrl,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, resource },
      app,
    );
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('does not take a session JWT for an access token, nor an access token for a session', async () => {
    const tokens = await grant(alice, 'tasks:read');
    const sessionRoute = await fetch(`${api.baseUrl}/api/tokens`, { headers: bearer(tokens.access_token) });
    expect(sessionRoute.status).toBe(403);
    const [, payload, signature] = tokens.access_token.split('.');
    const retyped = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: decode(tokens.access_token.split('.')[0]).kid })).toString('base64url')}.${payload}.${signature}`;
    expect((await fetch(`${api.baseUrl}/api/tasks`, { headers: bearer(retyped) })).status).toBe(401);
  });
  it('refuses a revoked app’s tokens on every instance within a second', async () => {
    const second = await startTestApp({}, { url: api.databaseUrl, drop: async () => undefined });
    try {
      const tokens = await grant(alice, 'tasks:read');
      const onSecond = () => fetch(`${second.baseUrl}/api/tasks`, { headers: bearer(tokens.access_token) });
      expect((await onSecond()).status).toBe(200);
      const consents = (await (
        await fetch(`${api.baseUrl}/api/auth/oauth2/get-consents`, { headers: bearer(alice.sessionToken) })
      ).json()) as Array<{ id: string; clientId: string }>;
      const revokedAt = Date.now();
      await fetch(`${api.baseUrl}/api/auth/oauth2/delete-consent`, {
        method: 'POST',
        headers: { ...bearer(alice.sessionToken), 'content-type': 'application/json' },
        body: JSON.stringify({ id: consents.find((entry) => entry.clientId === app.client_id)!.id }),
      });
      await until(async () => (await onSecond()).status === 401);
      expect(Date.now() - revokedAt).toBeLessThan(1000);
    } finally {
      await second.close();
    }
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
