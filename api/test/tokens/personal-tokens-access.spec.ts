import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken } from '../support/token-fixtures.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const FULL_TASK = { title: 'changed', description: 'changed', priority: 'low', tags: [], dueAt: null, completed: true };

/** Every route on one task, by suffix after /tasks/{id}. */
const TASK_ROUTES: Array<[Method, string, object | undefined]> = [
  ['get', '', undefined],
  ['put', '', FULL_TASK],
  ['patch', '', { title: 'changed' }],
  ['patch', '/complete', { completed: true }],
  ['delete', '', undefined],
];
const WRITE_ROUTES: Array<[Method, string, object | undefined]> = [
  ['post', '', { title: 'planted' }],
  ...TASK_ROUTES.filter(([method]) => method !== 'get').map(
    ([method, suffix, body]) => [method, `/{id}${suffix}`, body] as [Method, string, object | undefined],
  ),
];
const READ_ROUTES: Array<[Method, string]> = [
  ['get', ''],
  ['get', '/{id}'],
];

describe('personal access tokens on the task routes', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let aliceToken: string;
  let aliceReadToken: string;
  let aliceWriteToken: string;
  let aliceTaskId: string;
  let bobTaskId: string;

  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob] = await Promise.all([createUser(api.baseUrl), createUser(api.baseUrl)]);
    aliceToken = (await createPersonalToken(api.baseUrl, alice.sessionToken)).token;
    aliceReadToken = (await createPersonalToken(api.baseUrl, alice.sessionToken, { scopes: ['tasks:read'] })).token;
    aliceWriteToken = (await createPersonalToken(api.baseUrl, alice.sessionToken, { scopes: ['tasks:write'] })).token;
    aliceTaskId = (await createTask(api.baseUrl, alice.jwt, { title: 'Alice own task' })).id;
    bobTaskId = (await createTask(api.baseUrl, bob.jwt, { title: 'Bob secret', tags: ['bob'] })).id;
  });
  afterAll(() => api.close());

  const call = (token: string, method: Method, path: string, body?: object) => {
    const pending = request(api.baseUrl)[method](path).set('Authorization', `Bearer ${token}`);
    return body ? pending.send(body) : pending;
  };
  const snapshot = async (user: TestUser) =>
    (await request(api.baseUrl).get('/api/tasks?limit=100').set('Authorization', `Bearer ${user.jwt}`).expect(200)).body
      .items;

  describe('a token of user A never reaches user B’s tasks', () => {
    it.each(TASK_ROUTES)('%s /api/tasks/{B’s task}%s → 404, B’s tasks unchanged', async (method, suffix, body) => {
      const before = await snapshot(bob);
      const response = await call(aliceToken, method, `/api/tasks/${bobTaskId}${suffix}`, body);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('Bob secret');
      expect(await snapshot(bob)).toEqual(before);
    });

    it.each(TASK_ROUTES)('%s /api/users/{B}/tasks/{B’s task}%s → 403, unchanged', async (method, suffix, body) => {
      const before = await snapshot(bob);
      expect((await call(aliceToken, method, `/api/users/${bob.id}/tasks/${bobTaskId}${suffix}`, body)).status).toBe(
        403,
      );
      expect(await snapshot(bob)).toEqual(before);
    });

    it.each(TASK_ROUTES)('%s /api/users/{A}/tasks/{B’s task}%s → 404, unchanged', async (method, suffix, body) => {
      const before = await snapshot(bob);
      expect((await call(aliceToken, method, `/api/users/${alice.id}/tasks/${bobTaskId}${suffix}`, body)).status).toBe(
        404,
      );
      expect(await snapshot(bob)).toEqual(before);
    });

    it('cannot list or create under B’s user path, and never lists B’s tasks', async () => {
      const before = await snapshot(bob);
      expect((await call(aliceToken, 'get', `/api/users/${bob.id}/tasks`)).status).toBe(403);
      expect((await call(aliceToken, 'post', `/api/users/${bob.id}/tasks`, { title: 'planted' })).status).toBe(403);
      for (const query of ['', '?q=Bob', '?tag=bob', '?status=all&limit=100']) {
        const listed = await call(aliceToken, 'get', `/api/tasks${query}`).expect(200);
        expect(listed.text).not.toContain(bobTaskId);
        expect(listed.text).not.toContain('Bob secret');
      }
      expect(await snapshot(bob)).toEqual(before);
    });

    it('acts as its own user: /api/users/me is A, and what it creates is A’s', async () => {
      const me = await call(aliceToken, 'get', '/api/users/me').expect(200);
      expect(me.body.id).toBe(alice.id);
      const created = await call(aliceToken, 'post', '/api/tasks', { title: 'made by a token' }).expect(201);
      await request(api.baseUrl)
        .get(`/api/tasks/${created.body.id}`)
        .set('Authorization', `Bearer ${alice.jwt}`)
        .expect(200);
      await request(api.baseUrl)
        .get(`/api/tasks/${created.body.id}`)
        .set('Authorization', `Bearer ${bob.jwt}`)
        .expect(404);
    });
  });

  describe('scopes are enforced', () => {
    const prefixes = () => ['/api/tasks', `/api/users/${alice.id}/tasks`];

    it.each(WRITE_ROUTES)(
      'a tasks:read token gets 403 insufficient_scope on %s …%s, and nothing changes',
      async (method, suffix, body) => {
        for (const prefix of prefixes()) {
          const before = await snapshot(alice);
          const response = await call(aliceReadToken, method, `${prefix}${suffix.replace('{id}', aliceTaskId)}`, body);
          expect(response.status).toBe(403);
          expect(response.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="tasks:write"');
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
          expect(await snapshot(alice)).toEqual(before);
        }
      },
    );

    it.each(READ_ROUTES)('a tasks:read token reads: %s …%s → 200', async (method, suffix) => {
      for (const prefix of prefixes()) {
        await call(aliceReadToken, method, `${prefix}${suffix.replace('{id}', aliceTaskId)}`).expect(200);
      }
      await call(aliceReadToken, 'get', '/api/users/me').expect(200);
    });

    it('a tasks:write token writes, but cannot read', async () => {
      const created = await call(aliceWriteToken, 'post', '/api/tasks', { title: 'write only' }).expect(201);
      for (const path of [
        '/api/tasks',
        `/api/tasks/${created.body.id}`,
        '/api/users/me',
        `/api/users/${alice.id}/tasks`,
      ]) {
        const response = await call(aliceWriteToken, 'get', path);
        expect(response.status).toBe(403);
        expect(response.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="tasks:read"');
      }
      await call(aliceWriteToken, 'delete', `/api/tasks/${created.body.id}`).expect(204);
    });

    it('session JWTs carry both scopes', async () => {
      await call(alice.jwt, 'get', '/api/tasks').expect(200);
      const created = await call(alice.jwt, 'post', '/api/tasks', { title: 'by JWT' }).expect(201);
      await call(alice.jwt, 'delete', `/api/tasks/${created.body.id}`).expect(204);
    });

    it('keeps the order: 401 first, then the scope, then the path’s owner, then input, then existence', async () => {
      const unknownTask = '00000000-0000-4000-8000-000000000000';
      // 401 before anything: a bad token on another user's path with a bad body.
      expect((await call('tvp_nonsense', 'patch', `/api/users/${bob.id}/tasks/not-a-uuid`, { title: '' })).status).toBe(
        401,
      );
      // Scope before path owner: a read token writing under another user's path.
      const scope = await call(aliceReadToken, 'patch', `/api/users/${bob.id}/tasks/not-a-uuid`, { title: '' });
      expect(scope.status).toBe(403);
      expect(scope.headers['www-authenticate']).toContain('insufficient_scope');
      // Path owner before input.
      const owner = await call(aliceToken, 'patch', `/api/users/${bob.id}/tasks/not-a-uuid`, { title: '' });
      expect(owner.status).toBe(403);
      expect(owner.headers['www-authenticate']).toBeUndefined();
      // Input before existence.
      expect((await call(aliceToken, 'patch', `/api/tasks/${unknownTask}`, { title: '' })).status).toBe(400);
      expect((await call(aliceToken, 'patch', `/api/tasks/${unknownTask}`, { title: 'ok' })).status).toBe(404);
    });
  });
});
