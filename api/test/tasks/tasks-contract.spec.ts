import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tasks: the contract’s routes', () => {
  let api: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    api = await startTestApp();
    user = await createUser(api.baseUrl);
  });
  afterAll(() => api.close());

  const as = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    request(api.baseUrl)[method](path).set('Authorization', `Bearer ${user.jwt}`);

  it('creates a task with the defaults and answers 201', async () => {
    const response = await as('post', '/api/tasks').send({ title: '  Buy milk  ' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: 'Buy milk',
      description: '',
      completed: false,
      priority: 'medium',
      tags: [],
      dueAt: null,
      completedAt: null,
      recurrence: null,
      remindAt: null,
      remindMinutesBefore: null,
      reminderSentAt: null,
    });
    expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'completed',
        'completedAt',
        'createdAt',
        'description',
        'dueAt',
        'etag',
        'id',
        'priority',
        'recurrence',
        'remindAt',
        'remindMinutesBefore',
        'reminderSentAt',
        'tags',
        'title',
        'updatedAt',
      ].sort(),
    );
  });

  it('keeps tags in the order given and removes duplicates', async () => {
    const task = await createTask(api.baseUrl, user.jwt, { tags: ['b', 'a', 'b', 'c', 'a'] });
    expect(task.tags).toEqual(['b', 'a', 'c']);
  });

  it('reads one task', async () => {
    const task = await createTask(api.baseUrl, user.jwt, { title: 'Read me' });
    const response = await as('get', `/api/tasks/${task.id}`).expect(200);
    expect(response.body.title).toBe('Read me');
  });

  it('replaces every editable field with PUT; omitted ones go back to defaults', async () => {
    const task = await createTask(api.baseUrl, user.jwt, {
      title: 'Old',
      description: 'old',
      priority: 'high',
      tags: ['x'],
      dueAt: '2030-01-01T00:00:00Z',
    });
    const response = await as('put', `/api/tasks/${task.id}`).send({ title: 'New' }).expect(200);
    expect(response.body).toMatchObject({
      title: 'New',
      description: '',
      priority: 'medium',
      tags: [],
      dueAt: null,
      completed: false,
    });
  });

  it('changes only the fields sent with PATCH, and null clears the due date', async () => {
    const task = await createTask(api.baseUrl, user.jwt, {
      title: 'Keep',
      description: 'keep me',
      dueAt: '2030-01-01T00:00:00Z',
    });
    const response = await as('patch', `/api/tasks/${task.id}`).send({ priority: 'low', dueAt: null }).expect(200);
    expect(response.body).toMatchObject({ title: 'Keep', description: 'keep me', priority: 'low', dueAt: null });
  });

  it('refuses PATCH with a null title', async () => {
    const task = await createTask(api.baseUrl, user.jwt);
    const response = await as('patch', `/api/tasks/${task.id}`).send({ title: null });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('title');
  });

  it('completes a task, sets completedAt, and reopens it with completed: false', async () => {
    const task = await createTask(api.baseUrl, user.jwt);
    const done = await as('patch', `/api/tasks/${task.id}/complete`).expect(200);
    expect(done.body.completed).toBe(true);
    expect(Date.parse(done.body.completedAt)).toBeGreaterThan(0);
    const again = await as('patch', `/api/tasks/${task.id}/complete`).send({ completed: true }).expect(200);
    expect(again.body.completedAt).toBe(done.body.completedAt);
    const reopened = await as('patch', `/api/tasks/${task.id}/complete`).send({ completed: false }).expect(200);
    expect(reopened.body).toMatchObject({ completed: false, completedAt: null });
  });

  it('deletes a task with 204, after which it is gone', async () => {
    const task = await createTask(api.baseUrl, user.jwt);
    await as('delete', `/api/tasks/${task.id}`).expect(204);
    await as('get', `/api/tasks/${task.id}`).expect(404);
    await as('delete', `/api/tasks/${task.id}`).expect(404);
  });

  it('serves the same routes under /api/users/{own id}/tasks', async () => {
    const created = await as('post', `/api/users/${user.id}/tasks`).send({ title: 'Via user path' }).expect(201);
    await as('get', `/api/users/${user.id}/tasks/${created.body.id}`).expect(200);
    await as('patch', `/api/users/${user.id}/tasks/${created.body.id}`).send({ title: 'Renamed' }).expect(200);
    await as('put', `/api/users/${user.id}/tasks/${created.body.id}`).send({ title: 'Replaced' }).expect(200);
    await as('patch', `/api/users/${user.id}/tasks/${created.body.id}/complete`).expect(200);
    const list = await as('get', `/api/users/${user.id}/tasks?q=Replaced`).expect(200);
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    await as('delete', `/api/users/${user.id}/tasks/${created.body.id}`).expect(204);
  });

  it('answers 404 problem+json for a task that does not exist', async () => {
    const response = await as('get', '/api/tasks/7d9f1c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('returns the caller’s profile at /api/users/me', async () => {
    const response = await as('get', '/api/users/me').expect(200);
    expect(response.body).toMatchObject({ id: user.id, email: user.email });
  });

  it('deletes a user’s tasks with the user', async () => {
    const doomed = await createUser(api.baseUrl);
    await createTask(api.baseUrl, doomed.jwt);
    const { DataSource } = await import('typeorm');
    const dataSource = api.app.get(DataSource);
    await dataSource.query('delete from "user" where "id" = $1', [doomed.id]);
    const [{ count }] = await dataSource.query('select count(*)::int as count from "task" where "owner_id" = $1', [
      doomed.id,
    ]);
    expect(count).toBe(0);
  });
});
