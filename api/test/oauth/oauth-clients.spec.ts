import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { registerApp } from '../support/oauth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { onDatabase } from '../support/token-fixtures.js';

describe('registering and managing OAuth apps', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob] = await Promise.all([createUser(api.baseUrl), createUser(api.baseUrl)]);
  });
  afterAll(() => api.close());

  const call = (user: TestUser, path: string, body?: unknown) =>
    fetch(`${api.baseUrl}/api/auth${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${user.sessionToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('shows a confidential app’s secret once and stores only its hash', async () => {
    const app = await registerApp(api.baseUrl, alice.sessionToken, {
      redirect_uris: ['https://app.example/callback'],
      application_type: 'web',
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(typeof app.client_secret).toBe('string');
    const stored = await onDatabase(api.databaseUrl, (client) =>
      client.query<{ clientSecret: string }>(`select "clientSecret" from "oauthClient" where "clientId" = $1`, [
        app.client_id,
      ]),
    );
    expect(stored.rows[0].clientSecret).not.toContain(app.client_secret);
    const listed = await call(alice, '/oauth2/get-clients');
    const clients = (await listed.json()) as Array<Record<string, unknown>>;
    expect(clients.map((client) => client.client_id)).toContain(app.client_id);
    expect(JSON.stringify(clients)).not.toContain(app.client_secret);

    const rotated = await call(alice, '/oauth2/client/rotate-secret', { client_id: app.client_id });
    expect(rotated.status).toBe(200);
    const fresh = (await rotated.json()) as { client_secret: string };
    expect(fresh.client_secret).not.toBe(app.client_secret);
  });

  it('refuses redirect URIs that are not https, or http on loopback', async () => {
    for (const uri of ['http://app.example/callback', 'javascript:alert(1)', 'https://app.example/cb#frag']) {
      const answer = await call(alice, '/oauth2/create-client', { client_name: 'Bad', redirect_uris: [uri] });
      expect([uri, answer.status]).toEqual([uri, 400]);
    }
    const loopback = await call(alice, '/oauth2/create-client', {
      client_name: 'CLI',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1:8765/callback'],
    });
    expect(loopback.status).toBe(201);
    expect(((await loopback.json()) as Record<string, unknown>).client_secret).toBeUndefined();
  });

  it('refuses fields Taskvault does not offer, and overlong names', async () => {
    const extra = await call(alice, '/oauth2/create-client', {
      client_name: 'X',
      redirect_uris: ['https://app.example/cb'],
      jwks_uri: 'https://app.example/jwks',
    });
    expect(extra.status).toBe(400);
    const long = await call(alice, '/oauth2/create-client', {
      client_name: 'x'.repeat(101),
      redirect_uris: ['https://app.example/cb'],
    });
    expect(long.status).toBe(400);
    const grant = await call(alice, '/oauth2/create-client', {
      client_name: 'M2M',
      redirect_uris: ['https://app.example/cb'],
      grant_types: ['client_credentials'],
    });
    expect(grant.status).toBe(400);
  });

  it('lets no one else read, change, rotate or delete a user’s app', async () => {
    const app = await registerApp(api.baseUrl, alice.sessionToken, {
      redirect_uris: ['https://app.example/callback'],
      application_type: 'web',
    });
    const attempts = [
      await call(bob, `/oauth2/get-client?client_id=${app.client_id}`),
      await call(bob, '/oauth2/update-client', { client_id: app.client_id, update: { client_name: 'Mine now' } }),
      await call(bob, '/oauth2/client/rotate-secret', { client_id: app.client_id }),
      await call(bob, '/oauth2/delete-client', { client_id: app.client_id }),
    ];
    for (const attempt of attempts) expect(attempt.status).toBe(404);
    const bobs = (await (await call(bob, '/oauth2/get-clients')).json()) as Array<{ client_id: string }>;
    expect(bobs.map((client) => client.client_id)).not.toContain(app.client_id);
    const still = await call(alice, `/oauth2/get-client?client_id=${app.client_id}`);
    expect(((await still.json()) as { client_name: string }).client_name).toBe('Test app');

    const renamed = await call(alice, '/oauth2/update-client', {
      client_id: app.client_id,
      update: { client_name: 'Renamed', redirect_uris: ['https://app.example/new'] },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ client_name: 'Renamed', redirect_uris: ['https://app.example/new'] });
    expect((await call(alice, '/oauth2/delete-client', { client_id: app.client_id })).status).toBe(200);
  });

  it('offers no dynamic client registration and no admin routes', async () => {
    for (const path of ['/oauth2/register', '/admin/oauth2/create-client', '/oauth2/introspect', '/oauth2/userinfo']) {
      const answer = await fetch(`${api.baseUrl}/api/auth${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['https://evil.example/cb'] }),
      });
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });
});
