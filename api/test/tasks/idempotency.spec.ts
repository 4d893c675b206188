import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import request from 'supertest';
import { IdempotencyClock } from '../../src/idempotency/idempotency-clock.js';
import { IdempotencyPurge } from '../../src/idempotency/idempotency-purge.js';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { onDatabase } from '../support/token-fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Idempotency-Key on task creation (safe retries)', () => {
  let api: TestApp;
  let clockOffsetMs = 0;
  beforeAll(async () => {
    api = await startTestApp();
    // The records' clock, moved forward by tests instead of waiting 24 hours.
    const clock = api.app.get(IdempotencyClock);
    clock.now = () => new Date(Date.now() + clockOffsetMs);
  });
  afterEach(() => {
    clockOffsetMs = 0;
  });
  afterAll(() => api.close());

  const create = (user: TestUser, key: string | undefined, body: object, path = '/api/tasks') => {
    const call = request(api.baseUrl).post(path).set('Authorization', `Bearer ${user.jwt}`);
    if (key !== undefined) void call.set('Idempotency-Key', key);
    return call.send(body);
  };
  const query = <T extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    onDatabase(api.databaseUrl, async (client) => (await client.query<T>(text, values)).rows);
  const taskCount = async (user: TestUser) =>
    (await query<{ n: number }>(`select count(*)::int as n from "task" where "owner_id" = $1`, [user.id]))[0].n;
  const recordCount = async (user: TestUser) =>
    (await query<{ n: number }>(`select count(*)::int as n from "idempotency_key" where "user_id" = $1`, [user.id]))[0]
      .n;
  /** A replay: the first answer's status and task again, marked as such. */
  const expectReplayOf = (retry: request.Response, first: request.Response) => {
    expect(retry.status).toBe(first.status);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  };
  /** Polls the database until `condition` holds: the test waits for a state, not for a time. */
  const until = async (condition: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not reached in 10 s');
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  it('answers a retry with the same key and body with the first answer, marked replayed, and creates nothing', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    const first = await create(user, key, { title: 'Pay rent', priority: 'high', tags: ['home'] });
    expect(first.status).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();

    const retry = await create(user, key, { title: 'Pay rent', priority: 'high', tags: ['home'] });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.headers['content-type']).toMatch(/^application\/json/);
    expect(retry.text).toBe(first.text);
    expect(await taskCount(user)).toBe(1);
  });

  it('treats the same JSON written differently (key order, spacing) as the same request', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    const send = (raw: string) =>
      request(api.baseUrl)
        .post('/api/tasks')
        .set('Authorization', `Bearer ${user.jwt}`)
        .set('Idempotency-Key', key)
        .set('Content-Type', 'application/json')
        .send(raw);
    const first = await send('{"title":"Canonical","priority":"low"}');
    const retry = await send('{ "priority" : "low",\n  "title" : "Canonical" }');
    expect(first.status).toBe(201);
    expectReplayOf(retry, first);
    expect(await taskCount(user)).toBe(1);
  });

  it('refuses the same key with another body (422 problem) and creates nothing more', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    const first = await create(user, key, { title: 'Original' }).expect(201);
    const other = await create(user, key, { title: 'Something else' });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ status: 422, detail: expect.stringContaining('Idempotency-Key') });
    // An added field is another body too.
    await create(user, key, { title: 'Original', priority: 'high' }).expect(422);
    expect(await taskCount(user)).toBe(1);
    // The first answer is still there for a true retry.
    expectReplayOf(await create(user, key, { title: 'Original' }), first);
  });

  it('works the same on /api/users/{userId}/tasks, and a key used on one route is refused on the other', async () => {
    const user = await createUser(api.baseUrl);
    const userPath = `/api/users/${user.id}/tasks`;
    const key = randomUUID();
    const first = await create(user, key, { title: 'Scoped' }, userPath).expect(201);
    const retry = await create(user, key, { title: 'Scoped' }, userPath);
    expectReplayOf(retry, first);
    expect(retry.body).toEqual(first.body);
    await create(user, key, { title: 'Scoped' }, '/api/tasks').expect(422);
    expect(await taskCount(user)).toBe(1);
  });

  it('answers 409 with Retry-After while the first request with the key is still running, then the first answer', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    // Hold the first request inside its creation: the INSERT waits for the owner's count row,
    // which this transaction keeps locked until the test lets go.
    await onDatabase(api.databaseUrl, async (holder) => {
      await holder.query(`insert into task_owner_count (owner_id, tasks) values ($1, 0) on conflict do nothing`, [
        user.id,
      ]);
      await holder.query('begin');
      await holder.query(`select 1 from task_owner_count where owner_id = $1 for update`, [user.id]);
      const first = create(user, key, { title: 'Slow one' }).then((response) => response);
      try {
        // The claim is committed and the creation is waiting for the lock.
        await until(async () => (await recordCount(user)) === 1);
        await until(async () => {
          const waiting = await holder.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
          );
          return waiting.rows[0].n > 0;
        });
        const during = await create(user, key, { title: 'Slow one' });
        expect(during.status).toBe(409);
        expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
        const retryAfter = Number(during.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        // Another body with the key is a misuse even while it runs.
        await create(user, key, { title: 'Not the same' }).expect(422);
      } finally {
        await holder.query('commit');
      }
      const answered = await first;
      expect(answered.status).toBe(201);
      expectReplayOf(await create(user, key, { title: 'Slow one' }), answered);
    });
    expect(await taskCount(user)).toBe(1);
  });

  it('creates exactly one task from twenty concurrent requests with one key', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => create(user, key, { title: 'Once only' })));
    const created = answers.filter((answer) => answer.status === 201);
    const busy = answers.filter((answer) => answer.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    expect(created.filter((answer) => answer.headers['idempotency-replayed'] === undefined)).toHaveLength(1);
    expect(await taskCount(user)).toBe(1);
  });

  it('keeps keys per user: two users with one key get a task each, and neither sees the other’s', async () => {
    const alice = await createUser(api.baseUrl);
    const bob = await createUser(api.baseUrl);
    const key = 'shared-key-0001';
    const a = await create(alice, key, { title: 'Alice’s task' }).expect(201);
    const b = await create(bob, key, { title: 'Bob’s task' }).expect(201);
    expect(b.headers['idempotency-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.ownerId ?? bob.id).toBe(bob.id);
    // Bob retrying Alice's exact request gets a task of his own, not hers.
    const bobAsAlice = await create(bob, 'another-shared-key', { title: 'Alice’s task' }).expect(201);
    await create(alice, 'another-shared-key', { title: 'Alice’s task' }).expect(201);
    expect(bobAsAlice.body.id).not.toBe(a.body.id);
    expect(await taskCount(alice)).toBe(2);
    expect(await taskCount(bob)).toBe(2);
  });

  describe('refuses malformed keys with a 400 problem, storing nothing', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(api.baseUrl);
    });
    const post = () => request(api.baseUrl).post('/api/tasks').set('Authorization', `Bearer ${user.jwt}`);
    const expectNothingStored = async () => {
      expect(await taskCount(user)).toBe(0);
      expect(await recordCount(user)).toBe(0);
    };

    it.each([
      ['empty', ''],
      ['256 characters', 'k'.repeat(256)],
      ['a tab (a control character)', 'key\twith-tab'],
      ['a Latin-1 letter (non-ASCII)', 'cl\u00e9'],
    ])('%s', async (_name, key) => {
      const refused = await create(user, key, { title: 'Bad key' });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.detail).toContain('Idempotency-Key');
      await expectNothingStored();
    });

    it('the header given twice', async () => {
      const refused = await post()
        // An array becomes two header lines on the wire (superagent's types admit arrays for Cookie only).
        .set('Idempotency-Key', ['first', 'second'] as unknown as string)
        .send({ title: 'Two keys' });
      expect(refused.status).toBe(400);
      await expectNothingStored();
    });

    /** Bytes Node's own client refuses to send: written to a socket instead. */
    const rawPost = (keyBytes: Buffer) =>
      new Promise<string>((resolve, reject) => {
        const { port } = new URL(api.baseUrl);
        const body = JSON.stringify({ title: 'Raw key' });
        const socket = connect({ host: '127.0.0.1', port: Number(port) });
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('error', reject);
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
        socket.write(
          Buffer.concat([
            Buffer.from(
              `POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${user.jwt}\r\n` +
                `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\nIdempotency-Key: `,
            ),
            keyBytes,
            Buffer.from(`\r\n\r\n${body}`),
          ]),
        );
      });

    it.each([
      ['a control character (0x01)', Buffer.from('key\x01x', 'latin1')],
      ['DEL (0x7f)', Buffer.from('key\x7fx', 'latin1')],
      ['UTF-8 (non-ASCII)', Buffer.from('schlüssel-€', 'utf8')],
    ])('%s, sent raw', async (_name, bytes) => {
      const answer = await rawPost(bytes);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      await expectNothingStored();
    });

    it('a body whose fingerprint cannot be taken (a lone surrogate): 400, not 500', async () => {
      const refused = await post()
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send('{"title":"\\ud800"}');
      expect(refused.status).toBe(400);
      await expectNothingStored();
    });

    it('but takes one of exactly 255 printable characters, spaces and punctuation included', async () => {
      const key = ` !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`.padEnd(255, 'x').replace(/^ /, 'a');
      expect(key).toHaveLength(255);
      const first = await create(user, key, { title: 'Longest key' }).expect(201);
      expectReplayOf(await create(user, key, { title: 'Longest key' }), first);
      expect(await taskCount(user)).toBe(1);
    });
  });

  it('keeps no error answer: a refused body frees the key for the corrected request', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    const invalid = await create(user, key, { title: '' });
    expect(invalid.status).toBe(400);
    expect(await recordCount(user)).toBe(0);
    const fixed = await create(user, key, { title: 'Fixed' });
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotency-replayed']).toBeUndefined();
    expect(await taskCount(user)).toBe(1);
  });

  it('forgets a key after 24 hours (controlled clock): the same request then creates again', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    const first = await create(user, key, { title: 'Daily' }).expect(201);
    clockOffsetMs = DAY_MS - 1000;
    expectReplayOf(await create(user, key, { title: 'Daily' }), first);
    await create(user, key, { title: 'Another' }).expect(422);
    clockOffsetMs = DAY_MS + 1000;
    const again = await create(user, key, { title: 'Daily' }).expect(201);
    expect(again.headers['idempotency-replayed']).toBeUndefined();
    expect(again.body.id).not.toBe(first.body.id);
    expect(await taskCount(user)).toBe(2);
  });

  it('purges records past their 24 hours (the hourly job), and only those', async () => {
    const user = await createUser(api.baseUrl);
    await create(user, 'old-key', { title: 'Old' }).expect(201);
    clockOffsetMs = DAY_MS / 2;
    await create(user, 'newer-key', { title: 'Newer' }).expect(201);
    clockOffsetMs = DAY_MS + 1000;
    await api.app.get(IdempotencyPurge).purge();
    const keys = await query<{ key: string }>(`select key from idempotency_key where user_id = $1`, [user.id]);
    expect(keys.map((row) => row.key)).toEqual(['newer-key']);
  });

  it('does not leave a key stuck when its first request died mid-flight: the claim lapses after 60 s', async () => {
    const user = await createUser(api.baseUrl);
    const key = randomUUID();
    // A claim as an instance that crashed after claiming would leave it (no answer, never released).
    const response = await create(user, key, { title: 'Survivor' }).expect(201);
    await onDatabase(api.databaseUrl, async (client) => {
      await client.query(
        `update idempotency_key set response_status = null, response_headers = null, response_body = null,
           locked_until = now() + interval '60 seconds' where user_id = $1 and key = $2`,
        [user.id, key],
      );
      await client.query(`delete from task where id = $1`, [response.body.id]);
    });
    const stuck = await create(user, key, { title: 'Survivor' });
    expect(stuck.status).toBe(409);
    clockOffsetMs = 61_000;
    const taken = await create(user, key, { title: 'Survivor' });
    expect(taken.status).toBe(201);
    expect(taken.headers['idempotency-replayed']).toBeUndefined();
    expect(await taskCount(user)).toBe(1);
  });

  it('holds across instances: twenty requests with one key spread over two instances create one task', async () => {
    const second = await startTestApp({}, { url: api.databaseUrl, drop: async () => undefined });
    try {
      const user = await createUser(api.baseUrl);
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(i % 2 ? second.baseUrl : api.baseUrl)
            .post('/api/tasks')
            .set('Authorization', `Bearer ${user.jwt}`)
            .set('Idempotency-Key', key)
            .send({ title: 'One of two instances' }),
        ),
      );
      const created = answers.filter((answer) => answer.status === 201);
      expect(created.length + answers.filter((answer) => answer.status === 409).length).toBe(20);
      expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
      expect(await taskCount(user)).toBe(1);
      // Once answered, either instance replays it.
      const [first] = created;
      for (const base of [api.baseUrl, second.baseUrl]) {
        const replay = await request(base)
          .post('/api/tasks')
          .set('Authorization', `Bearer ${user.jwt}`)
          .set('Idempotency-Key', key)
          .send({ title: 'One of two instances' });
        expectReplayOf(replay, first);
      }
    } finally {
      await second.close();
    }
  });

  it('costs nothing without the header: no record is written', async () => {
    const user = await createUser(api.baseUrl);
    await create(user, undefined, { title: 'Plain' }).expect(201);
    await create(user, undefined, { title: 'Plain' }).expect(201);
    expect(await taskCount(user)).toBe(2);
    expect(await recordCount(user)).toBe(0);
  });
});
