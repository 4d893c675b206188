import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('tasks: input validation', () => {
  let api: TestApp;
  let user: TestUser;
  let taskId: string;
  beforeAll(async () => {
    api = await startTestApp();
    user = await createUser(api.baseUrl);
    taskId = (await createTask(api.baseUrl, user.jwt)).id;
  });
  afterAll(() => api.close());

  const post = (body: unknown) =>
    request(api.baseUrl)
      .post('/api/tasks')
      .set('Authorization', `Bearer ${user.jwt}`)
      .send(body as object);
  const list = (query: string) =>
    request(api.baseUrl).get(`/api/tasks?${query}`).set('Authorization', `Bearer ${user.jwt}`);
  const expectBadRequest = (response: request.Response, field: string) => {
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  };

  it.each([
    ['a missing title', {}, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a title of spaces only', { title: '    ' }, 'title'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'title'],
    ['a title that is a number', { title: 42 }, 'title'],
    ['a title that is an array', { title: ['x'] }, 'title'],
    ['a title with a NUL character', { title: 'bad\u0000title' }, 'title'],
    ['a title with a lone surrogate', { title: 'bad\ud800' }, 'title'],
    ['a 10,001-character description', { title: 'x', description: 'd'.repeat(10_001) }, 'description'],
    ['a null description', { title: 'x', description: null }, 'description'],
    ['21 tags', { title: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ['a 51-character tag', { title: 'x', tags: ['t'.repeat(51)] }, 'tags'],
    // "❤️" is two code points (U+2764 and a variation selector): what PostgreSQL's varchar counts.
    ['a title of 150 "❤️" (300 code points)', { title: '❤️'.repeat(150) }, 'title'],
    [
      'a description of 6,000 "❤️" (12,000 code points)',
      { title: 'x', description: '❤️'.repeat(6_000) },
      'description',
    ],
    ['a tag of 30 "❤️" (60 code points)', { title: 'x', tags: ['❤️'.repeat(30)] }, 'tags'],
    ['an empty tag', { title: 'x', tags: [''] }, 'tags'],
    ['tags that are not strings', { title: 'x', tags: [1, 2] }, 'tags'],
    ['tags that are not an array', { title: 'x', tags: 'work' }, 'tags'],
    ['an unknown priority', { title: 'x', priority: 'urgent' }, 'priority'],
    ['a dueAt that is not a date', { title: 'x', dueAt: 'tomorrow' }, 'dueAt'],
    ['a dueAt in year 275760', { title: 'x', dueAt: '+275760-09-13T00:00:00Z' }, 'dueAt'],
    ['a dueAt of February 30th', { title: 'x', dueAt: '2026-02-30T00:00:00Z' }, 'dueAt'],
    ['a completed flag on create', { title: 'x', completed: true }, 'completed'],
    ['an unknown field', { title: 'x', color: 'red' }, 'color'],
  ])('refuses %s with 400 naming the field', async (_label, body, field) => {
    expectBadRequest(await post(body), field);
  });

  it('accepts exactly 200 characters, counted as code points (emoji included)', async () => {
    expect((await post({ title: 'x'.repeat(200) })).status).toBe(201);
    const emoji = await post({ title: '😀'.repeat(200) });
    expect(emoji.status).toBe(201);
    expect([...emoji.body.title].length).toBe(200);
    expect((await post({ title: '❤️'.repeat(100) })).status).toBe(201);
  });

  it('accepts 20 tags of 50 characters and a 10,000-character description', async () => {
    const response = await post({
      title: 'x',
      description: 'd'.repeat(10_000),
      tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, 't')),
    });
    expect(response.status).toBe(201);
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of ['[]', '"title"', 'null', '42']) {
      const response = await request(api.baseUrl)
        .post('/api/tasks')
        .set('Authorization', `Bearer ${user.jwt}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(400);
    }
  });

  it('refuses a task id that is not a UUID with 400 naming id', async () => {
    for (const id of ['123', 'not-a-uuid', "1' or '1'='1"]) {
      expectBadRequest(
        await request(api.baseUrl)
          .get(`/api/tasks/${encodeURIComponent(id)}`)
          .set('Authorization', `Bearer ${user.jwt}`),
        'id',
      );
    }
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['sort=owner', 'sort'],
    ['order=up', 'order'],
    ['status=x', 'status'],
    ['status=open&status=done', 'status'],
    ['priority=urgent', 'priority'],
    ['dueBefore=notadate', 'dueBefore'],
    ['dueAfter=2026-13-01', 'dueAfter'],
    ['cursor=garbage', 'cursor'],
    [`cursor=${Buffer.from('["createdAt","desc","x","y"]').toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from('{"__proto__":1}').toString('base64url')}`, 'cursor'],
    ['unknown=1', 'unknown'],
    [`q=${'q'.repeat(201)}`, 'q'],
    [`tag=${'t'.repeat(51)}`, 'tag'],
  ])('refuses the query %s with 400 naming the field', async (query, field) => {
    expectBadRequest(await list(query), field);
  });

  it('refuses a cursor issued for another sort', async () => {
    for (let i = 0; i < 3; i++) await createTask(api.baseUrl, user.jwt);
    const first = await list('limit=1&sort=title&order=asc').expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expectBadRequest(await list(`limit=1&sort=createdAt&cursor=${first.body.nextCursor}`), 'cursor');
    expectBadRequest(await list(`limit=1&sort=title&order=desc&cursor=${first.body.nextCursor}`), 'cursor');
  });

  it('refuses a tampered cursor', async () => {
    const first = await list('limit=1').expect(200);
    const decoded = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString());
    decoded[2] = "2026-01-01'; drop table task; --";
    expectBadRequest(
      await list(`limit=1&cursor=${Buffer.from(JSON.stringify(decoded)).toString('base64url')}`),
      'cursor',
    );
  });

  it('refuses bad updates with 400 and leaves the task as it was', async () => {
    const before = (await request(api.baseUrl).get(`/api/tasks/${taskId}`).set('Authorization', `Bearer ${user.jwt}`))
      .body;
    for (const body of [{ title: '' }, { priority: 'none' }, { tags: 'x' }, { completed: 'yes' }, { dueAt: 12 }]) {
      expect(
        (await request(api.baseUrl).patch(`/api/tasks/${taskId}`).set('Authorization', `Bearer ${user.jwt}`).send(body))
          .status,
      ).toBe(400);
      expect(
        (
          await request(api.baseUrl)
            .put(`/api/tasks/${taskId}`)
            .set('Authorization', `Bearer ${user.jwt}`)
            .send({ title: 'x', ...body, ...('title' in body ? {} : {}) })
        ).status,
      ).toBeLessThan(500);
    }
    const completeBad = await request(api.baseUrl)
      .patch(`/api/tasks/${taskId}/complete`)
      .set('Authorization', `Bearer ${user.jwt}`)
      .send({ completed: 'yes' });
    expectBadRequest(completeBad, 'completed');
    const after = (await request(api.baseUrl).get(`/api/tasks/${taskId}`).set('Authorization', `Bearer ${user.jwt}`))
      .body;
    expect(after).toEqual(before);
  });
});
