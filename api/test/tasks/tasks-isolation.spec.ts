import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Method = 'get' | 'put' | 'patch' | 'delete';
const ROUTES: Array<[string, Method, string, object | undefined]> = [
  ['read', 'get', '', undefined],
  ['replace', 'put', '', { title: 'Stolen' }],
  ['update', 'patch', '', { title: 'Stolen' }],
  ['complete', 'patch', '/complete', { completed: true }],
  ['delete', 'delete', '', undefined],
];

describe('tasks: strict isolation between users', () => {
  let api: TestApp;
  let alice: TestUser;
  let mallory: TestUser;
  let aliceTask: { id: string };

  beforeAll(async () => {
    api = await startTestApp();
    alice = await createUser(api.baseUrl);
    mallory = await createUser(api.baseUrl);
    aliceTask = await createTask(api.baseUrl, alice.jwt, {
      title: 'Alice secret plan',
      description: 'confidential',
      tags: ['private'],
      priority: 'high',
      dueAt: '2030-05-05T00:00:00Z',
    });
    await createTask(api.baseUrl, mallory.jwt, { title: 'Mallory own task', tags: ['private'] });
  });
  afterAll(() => api.close());

  const aliceView = () =>
    request(api.baseUrl).get(`/api/tasks/${aliceTask.id}`).set('Authorization', `Bearer ${alice.jwt}`);

  it.each(ROUTES)(
    'another user cannot %s the task: 404, and the owner’s data is unchanged',
    async (_name, method, suffix, body) => {
      const before = (await aliceView().expect(200)).body;
      const http = request(api.baseUrl);
      const call = http[method](`/api/tasks/${aliceTask.id}${suffix}`).set('Authorization', `Bearer ${mallory.jwt}`);
      const response = body ? await call.send(body) : await call;
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe('No such task.');
      expect((await aliceView().expect(200)).body).toEqual(before);
    },
  );

  it.each(ROUTES)(
    'the /api/users/{other}/tasks form of %s is 403, and changes nothing',
    async (_name, method, suffix, body) => {
      const before = (await aliceView().expect(200)).body;
      const http = request(api.baseUrl);
      const path = `/api/users/${alice.id}/tasks/${aliceTask.id}${suffix}`;
      const call = http[method](path).set('Authorization', `Bearer ${mallory.jwt}`);
      const response = body ? await call.send(body) : await call;
      expect(response.status).toBe(403);
      expect((await aliceView().expect(200)).body).toEqual(before);
    },
  );

  it('answers 403 for listing or creating under another user’s id, even an unknown or malformed one', async () => {
    for (const userId of [alice.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      await request(api.baseUrl)
        .get(`/api/users/${userId}/tasks`)
        .set('Authorization', `Bearer ${mallory.jwt}`)
        .expect(403);
      await request(api.baseUrl)
        .post(`/api/users/${userId}/tasks`)
        .set('Authorization', `Bearer ${mallory.jwt}`)
        .send({ title: 'planted' })
        .expect(403);
    }
    const list = await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${alice.jwt}`).expect(200);
    expect(list.body.items.map((task: { title: string }) => task.title)).not.toContain('planted');
  });

  it('checks the path’s owner before the input: 403 even with a bad body or id', async () => {
    await request(api.baseUrl)
      .patch(`/api/users/${alice.id}/tasks/not-a-uuid`)
      .set('Authorization', `Bearer ${mallory.jwt}`)
      .send({ title: '' })
      .expect(403);
  });

  it('checks authentication first: 401 without a token, whoever the path names', async () => {
    await request(api.baseUrl).get(`/api/users/${alice.id}/tasks/${aliceTask.id}`).expect(401);
    await request(api.baseUrl).get(`/api/tasks/${aliceTask.id}`).expect(401);
  });

  it.each([
    ['no filter', ''],
    ['a search for her title', '?q=Alice'],
    ['a search for her description', '?q=confidential'],
    ['her tag', '?tag=private'],
    ['her priority', '?priority=high'],
    ['open tasks', '?status=open'],
    ['a due window', '?dueAfter=2030-01-01T00:00:00Z&dueBefore=2031-01-01T00:00:00Z'],
    ['every sort', '?sort=title&order=asc&limit=100'],
  ])('never lists another user’s tasks (%s)', async (_label, query) => {
    const response = await request(api.baseUrl)
      .get(`/api/tasks${query}`)
      .set('Authorization', `Bearer ${mallory.jwt}`)
      .expect(200);
    expect(response.body.items.map((task: { id: string }) => task.id)).not.toContain(aliceTask.id);
    expect(JSON.stringify(response.body)).not.toContain('Alice secret plan');
  });

  it('ignores owner fields in the query string', async () => {
    const response = await request(api.baseUrl)
      .get(`/api/tasks?ownerId=${alice.id}`)
      .set('Authorization', `Bearer ${mallory.jwt}`);
    expect(response.status).toBe(400);
  });

  it.each([
    ['userId', { userId: '00000000-0000-4000-8000-000000000000' }],
    ['ownerId', { ownerId: '00000000-0000-4000-8000-000000000000' }],
    ['owner_id', { owner_id: '00000000-0000-4000-8000-000000000000' }],
    ['id', { id: '00000000-0000-4000-8000-000000000000' }],
    ['createdAt', { createdAt: '2000-01-01T00:00:00Z' }],
    ['completedAt', { completedAt: '2000-01-01T00:00:00Z' }],
  ])('refuses mass assignment of %s with 400 and creates nothing', async (field, extra) => {
    const before = await request(api.baseUrl).get('/api/tasks?limit=100').set('Authorization', `Bearer ${mallory.jwt}`);
    const response = await request(api.baseUrl)
      .post('/api/tasks')
      .set('Authorization', `Bearer ${mallory.jwt}`)
      .send({ title: 'Mass assignment', ...extra });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    const after = await request(api.baseUrl).get('/api/tasks?limit=100').set('Authorization', `Bearer ${mallory.jwt}`);
    expect(after.body.items.length).toBe(before.body.items.length);
    const patched = await request(api.baseUrl)
      .patch(`/api/tasks/${aliceTask.id}`)
      .set('Authorization', `Bearer ${alice.jwt}`)
      .send(extra);
    expect(patched.status).toBe(400);
  });
});
