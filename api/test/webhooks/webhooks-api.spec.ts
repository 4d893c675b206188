import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken } from '../support/token-fixtures.js';
import { createWebhook, GuardedNetwork } from '../support/webhook-fixtures.js';

const SECRET_SHAPE = /^whsec_[A-Za-z0-9+/]{43}=$/;

/**
 * The webhook routes on a server configured as in production (no loopback): who may call them,
 * whose webhooks they reach, the limits, and every URL form a request forgery would use. Names
 * resolve through the test's fake DNS only, and the guard fails the test on any socket at all
 * to anything but loopback.
 */
describe('the webhook routes', () => {
  const network = new GuardedNetwork();
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    api = await startTestApp({}, undefined, { webhooks: { network } });
    alice = await createUser(api.baseUrl);
    bob = await createUser(api.baseUrl);
    network.dns.set('hooks.example.com', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
  });
  afterEach(() => expect(network.violations).toEqual([]));
  afterAll(() => api.close());

  const as = (user: TestUser | string) => ({ Authorization: `Bearer ${typeof user === 'string' ? user : user.jwt}` });
  const create = (user: TestUser | string, body: object) =>
    request(api.baseUrl).post('/api/webhooks').set(as(user)).send(body);
  const PUBLIC_URL = 'https://hooks.example.com/taskvault';

  describe('managing webhooks', () => {
    it('creates a webhook, shows its secret once, and lists it newest first without it', async () => {
      const user = await createUser(api.baseUrl);
      const first = await create(user, { url: PUBLIC_URL, events: ['task.created'], description: '  Sync  ' }).expect(
        201,
      );
      expect(first.body).toMatchObject({
        url: PUBLIC_URL,
        events: ['task.created'],
        description: 'Sync',
        enabled: true,
        disabledReason: null,
        failingSince: null,
        secretRotatedAt: null,
        previousSecretExpiresAt: null,
      });
      expect(first.body.secret).toMatch(SECRET_SHAPE);
      const second = await create(user, { url: `${PUBLIC_URL}/2`, events: ['task.deleted'] }).expect(201);
      const list = await request(api.baseUrl).get('/api/webhooks').set(as(user)).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([second.body.id, first.body.id]);
      expect(JSON.stringify(list.body)).not.toContain('whsec_');
      const one = await request(api.baseUrl).get(`/api/webhooks/${first.body.id}`).set(as(user)).expect(200);
      expect(one.body.secret).toBeUndefined();
    });

    it('changes only the fields sent, disables and enables, rotates, deletes', async () => {
      const user = await createUser(api.baseUrl);
      const hook = await createWebhook(api.baseUrl, user.jwt, { url: PUBLIC_URL });
      const path = `/api/webhooks/${hook.id}`;
      const changed = await request(api.baseUrl)
        .patch(path)
        .set(as(user))
        .send({ events: ['task.completed'] })
        .expect(200);
      expect(changed.body).toMatchObject({ url: PUBLIC_URL, events: ['task.completed'], enabled: true });
      const off = await request(api.baseUrl).patch(path).set(as(user)).send({ enabled: false }).expect(200);
      expect(off.body).toMatchObject({ enabled: false, disabledReason: 'by_user' });
      const on = await request(api.baseUrl).patch(path).set(as(user)).send({ enabled: true }).expect(200);
      expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
      const rotated = await request(api.baseUrl).post(`${path}/rotate-secret`).set(as(user)).expect(200);
      expect(rotated.body.secret).toMatch(SECRET_SHAPE);
      expect(rotated.body.secret).not.toBe(hook.secret);
      expect(rotated.body.secretRotatedAt).toEqual(expect.any(String));
      await request(api.baseUrl).delete(path).set(as(user)).expect(204);
      await request(api.baseUrl).get(path).set(as(user)).expect(404);
    });

    it('answers 404 for every route on another user’s webhook, and changes nothing', async () => {
      const hook = await createWebhook(api.baseUrl, alice.jwt, { url: PUBLIC_URL });
      const path = `/api/webhooks/${hook.id}`;
      await request(api.baseUrl).get(path).set(as(bob)).expect(404);
      await request(api.baseUrl).patch(path).set(as(bob)).send({ enabled: false }).expect(404);
      await request(api.baseUrl).post(`${path}/rotate-secret`).set(as(bob)).expect(404);
      await request(api.baseUrl).post(`${path}/test`).set(as(bob)).expect(404);
      await request(api.baseUrl).get(`${path}/deliveries`).set(as(bob)).expect(404);
      await request(api.baseUrl).delete(path).set(as(bob)).expect(404);
      const bobs = await request(api.baseUrl).get('/api/webhooks').set(as(bob)).expect(200);
      expect(bobs.body.items.map((item: { id: string }) => item.id)).not.toContain(hook.id);
      const still = await request(api.baseUrl).get(path).set(as(alice)).expect(200);
      expect(still.body).toMatchObject({ enabled: true, secretRotatedAt: null });
      await request(api.baseUrl).get('/api/webhooks/not-a-uuid').set(as(alice)).expect(400);
    });

    it('allows 10 webhooks per user, also when they are created at once', async () => {
      const user = await createUser(api.baseUrl);
      const answers = await Promise.all(
        Array.from({ length: 14 }, (_, i) => create(user, { url: `${PUBLIC_URL}/${i}`, events: ['task.created'] })),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(10);
      const refused = answers.filter((answer) => answer.status === 409);
      expect(refused).toHaveLength(4);
      expect(refused[0].headers['content-type']).toMatch(/^application\/problem\+json/);
      const list = await request(api.baseUrl).get('/api/webhooks').set(as(user)).expect(200);
      expect(list.body.items).toHaveLength(10);
    });

    it('refuses bodies that break the rules with a 400 naming the field', async () => {
      for (const body of [
        {},
        { url: PUBLIC_URL },
        { url: PUBLIC_URL, events: [] },
        { url: PUBLIC_URL, events: ['task.exploded'] },
        { url: PUBLIC_URL, events: ['task.created', 'task.created'] },
        { url: PUBLIC_URL, events: ['webhook.test'] },
        { url: PUBLIC_URL, events: ['task.created'], description: 'x'.repeat(201) },
        { url: PUBLIC_URL, events: ['task.created'], description: 'a\u0000b' },
        { url: 42, events: ['task.created'] },
      ]) {
        const response = await create(alice, body);
        expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('scopes', () => {
    it('needs both tasks:read and webhooks:write: a token without either gets 403', async () => {
      const user = await createUser(api.baseUrl);
      const both = await createPersonalToken(api.baseUrl, user.sessionToken, {
        scopes: ['tasks:read', 'webhooks:write'],
      });
      const readOnly = await createPersonalToken(api.baseUrl, user.sessionToken, {
        scopes: ['tasks:read', 'tasks:write'],
      });
      const hooksOnly = await createPersonalToken(api.baseUrl, user.sessionToken, { scopes: ['webhooks:write'] });
      await request(api.baseUrl).get('/api/webhooks').set(as(both.token)).expect(200);
      const created = await create(both.token, { url: PUBLIC_URL, events: ['task.created'] }).expect(201);
      for (const token of [readOnly.token, hooksOnly.token]) {
        const refused = await request(api.baseUrl).get('/api/webhooks').set(as(token)).expect(403);
        expect(refused.headers['www-authenticate']).toBe(
          'Bearer error="insufficient_scope", scope="tasks:read webhooks:write"',
        );
        await create(token, { url: PUBLIC_URL, events: ['task.created'] }).expect(403);
        await request(api.baseUrl).delete(`/api/webhooks/${created.body.id}`).set(as(token)).expect(403);
      }
      await request(api.baseUrl).get('/api/webhooks').expect(401);
    });
  });

  describe('request forgery: URLs that are refused at creation (400, no socket opened)', () => {
    const FORBIDDEN: Record<string, string[]> = {
      'loopback.test': ['127.0.0.1'],
      'loopback8.test': ['127.8.9.10'],
      'loopback6.test': ['::1'],
      'ten.test': ['10.0.0.1'],
      'oneseventwo.test': ['172.16.5.4'],
      'oneninetwo.test': ['192.168.1.1'],
      'linklocal.test': ['169.254.10.1'],
      'metadata.test': ['169.254.169.254'],
      'metadata6.test': ['fd00:ec2::254'],
      'cgnat.test': ['100.64.0.1'],
      'multicast.test': ['224.0.0.1'],
      'multicast6.test': ['ff02::1'],
      'unspecified.test': ['0.0.0.0'],
      'unspecified6.test': ['::'],
      'broadcast.test': ['255.255.255.255'],
      'reserved.test': ['240.0.0.1'],
      'documentation.test': ['192.0.2.10'],
      'linklocal6.test': ['fe80::1'],
      'ula.test': ['fc00::1'],
      'ula-fd.test': ['fd12:3456::1'],
      'mapped.test': ['::ffff:10.0.0.1'],
      'mapped-loopback.test': ['::ffff:7f00:1'],
      'compatible.test': ['::a00:1'],
      'nat64.test': ['64:ff9b::a00:1'],
      'nat64-metadata.test': ['64:ff9b::a9fe:a9fe'],
      'sixtofour.test': ['2002:a00:1::1'],
      'sixtofour-loopback.test': ['2002:7f00:1::1'],
      'teredo.test': ['2001:0:4136:e378:8000:63bf:3fff:fdd2'],
      'mixed.test': ['93.184.216.34', '10.0.0.1'],
      'mixed6.test': ['2606:2800:220:1::1', 'fe80::1'],
    };
    beforeAll(() => {
      for (const [name, addresses] of Object.entries(FORBIDDEN)) network.dns.set(name, addresses);
    });

    const refusedWith = async (url: string, message: RegExp) => {
      const response = await create(alice, { url, events: ['task.created'] });
      expect([url, response.status]).toEqual([url, 400]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([url, response.body.errors]).toEqual([url, [{ field: 'url', message: expect.stringMatching(message) }]]);
      return response;
    };

    it.each(Object.keys(FORBIDDEN))('refuses a name resolving to a forbidden address: %s', async (name) => {
      const response = await refusedWith(`https://${name}/hook`, /public address/);
      // The answer names the rule, never what the name resolved to.
      for (const address of FORBIDDEN[name]) expect(response.text).not.toContain(address);
    });

    it.each([
      'https://10.0.0.1/',
      'https://127.0.0.1/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/',
      'https://[fd00:ec2::254]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://[64:ff9b::a00:1]/',
      'https://[fe80::1]/',
      'https://2130706433/', // decimal 127.0.0.1
      'https://0x7f.0.0.1/', // hex
      'https://0177.0.0.1/', // octal
      'https://017700000001/', // octal, one number
      'https://0xa9fea9fe/', // hex 169.254.169.254
      'https://10.1/', // 10.0.0.1, short form
      'https://0/', // 0.0.0.0
      'https://localhost/',
    ])('refuses a literal forbidden address, however written: %s', async (url) => {
      await refusedWith(url, /public address/);
    });

    it('refuses what URL rules forbid', async () => {
      await refusedWith('http://hooks.example.com/', /https/);
      await refusedWith('http://127.0.0.1/', /https/); // loopback http needs WEBHOOK_ALLOW_LOOPBACK
      await refusedWith('ftp://hooks.example.com/', /https/);
      await refusedWith('https://user:pw@hooks.example.com/', /user name or password/);
      await refusedWith('https://user@hooks.example.com/', /user name or password/);
      await refusedWith('https://hooks.example.com/#fragment', /fragment/);
      await refusedWith(`https://hooks.example.com/${'a'.repeat(2049)}`, /2048/);
      await refusedWith('not a url', /absolute URL/);
      await refusedWith('https://unknown-name.test/', /resolved/);
    });

    it('refuses the same on PATCH', async () => {
      const hook = await createWebhook(api.baseUrl, alice.jwt, { url: PUBLIC_URL });
      const response = await request(api.baseUrl)
        .patch(`/api/webhooks/${hook.id}`)
        .set(as(alice))
        .send({ url: 'https://metadata.test/' })
        .expect(400);
      expect(response.body.errors[0].field).toBe('url');
      const still = await request(api.baseUrl).get(`/api/webhooks/${hook.id}`).set(as(alice)).expect(200);
      expect(still.body.url).toBe(PUBLIC_URL);
    });

    it('accepts a name whose every address is public', async () => {
      await create(alice, { url: PUBLIC_URL, events: ['task.created'] }).expect(201);
      expect(network.connections).toEqual([]);
    });
  });
});
