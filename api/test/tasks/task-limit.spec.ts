import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { TASK_LIMITS } from '../../src/tasks/dto/task-fields.js';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { onDatabase } from '../support/token-fixtures.js';

const MAX = TASK_LIMITS.tasksPerUserMax;

describe(`at most ${MAX} tasks per account (it bounds storage and the account export)`, () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  const create = (user: TestUser, title: string) =>
    request(api.baseUrl).post('/api/tasks').set('Authorization', `Bearer ${user.jwt}`).send({ title });
  /** Fills the account up to `count` tasks directly in the database: 10,000 requests would take long. */
  const fillTo = (user: TestUser, count: number) =>
    onDatabase(api.databaseUrl, (client) =>
      client.query(`insert into "task" ("owner_id", "title") select $1, 'filler ' || n from generate_series(1, $2) n`, [
        user.id,
        count,
      ]),
    );

  it('creates the last task that fits, then answers 409 with a problem body and stores nothing', async () => {
    const user = await createUser(api.baseUrl);
    await fillTo(user, MAX - 1);
    await create(user, 'the last one').expect(201);
    const refused = await create(user, 'one too many');
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, detail: expect.stringContaining(String(MAX)) });
    const rows = await onDatabase(api.databaseUrl, (client) =>
      client.query<{ n: number }>(`select count(*)::int as n from "task" where "owner_id" = $1`, [user.id]),
    );
    expect(rows.rows[0].n).toBe(MAX);
    // Another account is not affected.
    await create(await createUser(api.baseUrl), 'plenty of room').expect(201);
  });

  it('holds under parallel requests: of five racing for two free places, exactly two are created', async () => {
    const user = await createUser(api.baseUrl);
    await fillTo(user, MAX - 2);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => create(user, `racer ${i}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 409, 409, 409]);
  });

  it('holds with many racers: of twenty racing for three free places, exactly three are stored', async () => {
    const user = await createUser(api.baseUrl);
    await fillTo(user, MAX - 3);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => create(user, `racer ${i}`)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(17);
    const rows = await onDatabase(api.databaseUrl, (client) =>
      client.query<{ n: number }>(`select count(*)::int as n from "task" where "owner_id" = $1`, [user.id]),
    );
    expect(rows.rows[0].n).toBe(MAX);
  });

  it('counts deletions: a full account that deletes a task may create one again, and only one', async () => {
    const user = await createUser(api.baseUrl);
    await fillTo(user, MAX - 1);
    const last = await create(user, 'the last one').expect(201);
    await create(user, 'one too many').expect(409);
    await request(api.baseUrl)
      .delete(`/api/tasks/${last.body.id}`)
      .set('Authorization', `Bearer ${user.jwt}`)
      .expect(204);
    await create(user, 'in the freed place').expect(201);
    await create(user, 'one too many again').expect(409);
    // Deleting in bulk below the API (as an operator might) is counted too.
    await onDatabase(api.databaseUrl, (client) =>
      client.query(`delete from "task" where "owner_id" = $1 and "title" like 'filler %'`, [user.id]),
    );
    await create(user, 'plenty of room again').expect(201);
  });
});
