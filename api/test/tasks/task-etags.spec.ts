import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Method = 'put' | 'patch' | 'delete';
/** Every write that honours If-Match, with a body that changes the task. */
const WRITES: Array<[string, Method, string, object | undefined]> = [
  ['PUT', 'put', '', { title: 'Replaced' }],
  ['PATCH', 'patch', '', { title: 'Patched' }],
  ['PATCH /complete', 'patch', '/complete', { completed: true }],
  ['DELETE', 'delete', '', undefined],
];
const STRONG_TAG = /^"[1-9][0-9]*"$/;

describe('tasks: ETag, If-Match and If-None-Match', () => {
  let api: TestApp;
  let alice: TestUser;
  let mallory: TestUser;

  beforeAll(async () => {
    api = await startTestApp();
    alice = await createUser(api.baseUrl);
    mallory = await createUser(api.baseUrl);
  });
  afterAll(() => api.close());

  const as = (user: TestUser, method: 'get' | 'post' | Method, path: string) =>
    request(api.baseUrl)[method](path).set('Authorization', `Bearer ${user.jwt}`);
  const read = (id: string) => as(alice, 'get', `/api/tasks/${id}`);
  const write = (user: TestUser, method: Method, path: string, body: object | undefined, ifMatch?: string) => {
    const call = as(user, method, path);
    if (ifMatch !== undefined) call.set('If-Match', ifMatch);
    return body ? call.send(body) : call;
  };
  // Both forms of every route: /api/tasks/{id} and /api/users/{userId}/tasks/{id}.
  const FORMS: Array<[string, (id: string) => string]> = [
    ['/api/tasks', (id) => `/api/tasks/${id}`],
    ['/api/users/{userId}/tasks', (id) => `/api/users/${alice.id}/tasks/${id}`],
  ];

  it('gives every answer about one task a strong ETag, equal to the etag field, new after every kind of write', async () => {
    const created = await as(alice, 'post', '/api/tasks').send({ title: 'Tagged' }).expect(201);
    const id = created.body.id as string;
    const seen = [created.headers.etag];
    const answers = [
      await read(id).expect(200),
      await as(alice, 'put', `/api/tasks/${id}`).send({ title: 'Put' }).expect(200),
      await as(alice, 'patch', `/api/tasks/${id}`).send({ priority: 'high' }).expect(200),
      await as(alice, 'patch', `/api/tasks/${id}`).send({ priority: 'high' }).expect(200), // same values, still a write
      await as(alice, 'patch', `/api/tasks/${id}/complete`).send({ completed: true }).expect(200),
      await as(alice, 'patch', `/api/tasks/${id}/complete`).send({ completed: false }).expect(200),
      await as(alice, 'patch', `/api/users/${alice.id}/tasks/${id}`)
        .send({ tags: ['x'] })
        .expect(200),
    ];
    for (const answer of answers) {
      expect(answer.headers.etag).toMatch(STRONG_TAG);
      expect(answer.body.etag).toBe(answer.headers.etag);
    }
    const [get, ...writes] = answers;
    expect(get.headers.etag).toBe(created.headers.etag);
    seen.push(...writes.map((answer) => answer.headers.etag));
    expect(new Set(seen).size).toBe(seen.length);
    const list = await as(alice, 'get', '/api/tasks').expect(200);
    expect(list.headers.etag).toBeUndefined();
    const item = list.body.items.find((task: { id: string }) => task.id === id);
    expect(item.etag).toBe(writes.at(-1)!.headers.etag);
  });

  describe.each(FORMS)('%s', (_form, path) => {
    it.each(WRITES)('%s with a stale If-Match answers 412 and changes nothing', async (_name, method, suffix, body) => {
      const task = await createTask(api.baseUrl, alice.jwt, { title: 'Original', tags: ['keep'] });
      const stale = task.etag as string;
      await as(alice, 'patch', `/api/tasks/${task.id}`).send({ description: 'changed elsewhere' }).expect(200);
      const before = (await read(task.id).expect(200)).body;
      expect(before.etag).not.toBe(stale);

      const response = await write(alice, method, `${path(task.id)}${suffix}`, body, stale);
      expect(response.status).toBe(412);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 412, title: 'Precondition Failed' });
      expect((await read(task.id).expect(200)).body).toEqual(before);
    });

    it.each(WRITES)(
      '%s with the current tag, or * , or a list holding it, succeeds',
      async (_name, method, suffix, body) => {
        for (const tagOf of [(etag: string) => etag, () => '*', (etag: string) => `"999999", ${etag}`]) {
          const task = await createTask(api.baseUrl, alice.jwt, { title: 'Original' });
          const response = await write(alice, method, `${path(task.id)}${suffix}`, body, tagOf(task.etag as string));
          expect(response.status).toBe(method === 'delete' ? 204 : 200);
          if (method === 'delete') {
            await read(task.id).expect(404);
          } else {
            expect(response.headers.etag).not.toBe(task.etag);
            expect((await read(task.id).expect(200)).body).toEqual(
              response.body.next === undefined ? response.body : { ...response.body, next: undefined },
            );
          }
        }
      },
    );

    it.each(WRITES)('%s with the current tag marked weak (W/) is refused: 412', async (_name, method, suffix, body) => {
      const task = await createTask(api.baseUrl, alice.jwt, { title: 'Original' });
      const before = (await read(task.id).expect(200)).body;
      const response = await write(alice, method, `${path(task.id)}${suffix}`, body, `W/${task.etag as string}`);
      expect(response.status).toBe(412);
      expect((await read(task.id).expect(200)).body).toEqual(before);
    });

    it('GET with If-None-Match of the current tag (strong, weak or *) answers 304 with no body; a stale one 200', async () => {
      const task = await createTask(api.baseUrl, alice.jwt, { title: 'Cached' });
      const etag = task.etag as string;
      for (const header of [etag, `W/${etag}`, '*', `"999999", ${etag}`]) {
        const response = await as(alice, 'get', path(task.id)).set('If-None-Match', header);
        expect(response.status).toBe(304);
        expect(response.text ?? '').toBe('');
        expect(response.headers.etag).toBe(etag);
      }
      await as(alice, 'patch', `/api/tasks/${task.id}`).send({ title: 'Changed' }).expect(200);
      const changed = await as(alice, 'get', path(task.id)).set('If-None-Match', etag).expect(200);
      expect(changed.body.title).toBe('Changed');
      expect(changed.headers.etag).not.toBe(etag);
    });
  });

  it('twenty concurrent PATCHes with one If-Match: exactly one succeeds, the others get 412', async () => {
    const task = await createTask(api.baseUrl, alice.jwt, { title: 'Contended' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        write(alice, 'patch', `/api/tasks/${task.id}`, { title: `Writer ${n}` }, task.etag as string),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(19);
    const winner = answers.find((answer) => answer.status === 200)!;
    const after = (await read(task.id).expect(200)).body;
    expect(after.title).toBe(winner.body.title);
    expect(after.etag).toBe(winner.headers.etag);
  });

  it.each(WRITES)(
    '%s of another user’s task with its matching tag is 404, never 412, and changes nothing',
    async (_name, method, suffix, body) => {
      const task = await createTask(api.baseUrl, alice.jwt, { title: 'Alice only' });
      const before = (await read(task.id).expect(200)).body;
      for (const tag of [task.etag as string, '"999999"', '*']) {
        const response = await write(mallory, method, `/api/tasks/${task.id}${suffix}`, body, tag);
        expect(response.status).toBe(404);
      }
      await as(mallory, 'get', `/api/tasks/${task.id}`)
        .set('If-None-Match', task.etag as string)
        .expect(404);
      expect((await read(task.id).expect(200)).body).toEqual(before);
    },
  );

  it('an empty PATCH checks If-Match too: the current tag answers the task, a stale one 412', async () => {
    const task = await createTask(api.baseUrl, alice.jwt, { title: 'Quiet' });
    const same = await write(alice, 'patch', `/api/tasks/${task.id}`, {}, task.etag as string).expect(200);
    expect(same.headers.etag).toBe(task.etag);
    await write(alice, 'patch', `/api/tasks/${task.id}`, {}, '"999999"').expect(412);
  });

  it('a write with If-Match to a task that does not exist is 404', async () => {
    await write(alice, 'patch', '/api/tasks/00000000-0000-4000-8000-000000000000', { title: 'x' }, '"1"').expect(404);
  });

  it.each([
    ['a bare token', '3'],
    ['an unclosed quote', '"3'],
    ['a lower-case weak prefix', 'w/"3"'],
    ['* in a list', '"3", *'],
    ['only commas', ' , '],
    ['2,100 characters', `"${'a'.repeat(2100)}"`],
  ])(
    'a malformed If-Match or If-None-Match (%s) is a 400 naming the header, and changes nothing',
    async (_name, header) => {
      const task = await createTask(api.baseUrl, alice.jwt, { title: 'Hostile input' });
      const before = (await read(task.id).expect(200)).body;
      const refused = await write(alice, 'patch', `/api/tasks/${task.id}`, { title: 'x' }, header).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      const get = await read(task.id).set('If-None-Match', header).expect(400);
      expect(get.body.errors).toEqual([expect.objectContaining({ field: 'If-None-Match' })]);
      expect((await read(task.id).expect(200)).body).toEqual(before);
    },
  );

  it('writes without If-Match work as before', async () => {
    const task = await createTask(api.baseUrl, alice.jwt, { title: 'Plain' });
    await as(alice, 'patch', `/api/tasks/${task.id}`).send({ title: 'Plain 2' }).expect(200);
    await as(alice, 'put', `/api/tasks/${task.id}`).send({ title: 'Plain 3' }).expect(200);
    await as(alice, 'delete', `/api/tasks/${task.id}`).expect(204);
  });
});
