import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { JOBS_SCHEMA } from '../../src/jobs/job-queue.service.js';
import { MAIL_QUEUE } from '../../src/mail/mail.service.js';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher.service.js';
import { onDatabase } from '../support/token-fixtures.js';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  createWebhook,
  deliveriesOf,
  GuardedNetwork,
  type ReceivedDelivery,
  Receiver,
  TestClock,
  until,
} from '../support/webhook-fixtures.js';

/**
 * Deliveries end to end: real PostgreSQL, real HTTP, receivers on 127.0.0.1 that verify each
 * signature with the `standardwebhooks` package, the worker's clock and network in the test's
 * hands (the guard fails the test on any socket to anything but loopback).
 */
describe('webhook deliveries', () => {
  const network = new GuardedNetwork();
  const clock = new TestClock();
  let database: TestDatabase;
  let api: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startTestApp({ WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_POLL_SECONDS: '0.2' }, database, {
      webhooks: { network, clock },
    });
    receiver = await new Receiver().start();
  });
  // Each test starts from the real time; tests that move the clock do so from there.
  beforeEach(() => {
    clock.offsetMs = 0;
  });
  afterEach(() => expect(network.violations).toEqual([]));
  afterAll(async () => {
    await api.close();
    await database.drop();
    await receiver.stop();
  });

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.jwt}` });
  const verified = (delivery: ReceivedDelivery, secret: string) =>
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
  const hookAt = (path: string) => receiver.url(path);

  it('delivers each task event, signed, with the task as the API answers it', async () => {
    const user = await createUser(api.baseUrl);
    const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/events') });
    const before = receiver.received.length;
    const task = await createTask(api.baseUrl, user.jwt, { title: 'Write report', tags: ['work'] });
    const updated = await request(api.baseUrl)
      .patch(`/api/tasks/${task.id}`)
      .set(auth(user))
      .send({ title: 'Write the report' })
      .expect(200);
    const completed = await request(api.baseUrl)
      .patch(`/api/tasks/${task.id}/complete`)
      .set(auth(user))
      .send({})
      .expect(200);
    await request(api.baseUrl).delete(`/api/tasks/${task.id}`).set(auth(user)).expect(204);
    const got = await until(() => receiver.received.length - before >= 4 && receiver.received.slice(before));
    const payloads = got.map((delivery) => verified(delivery, hook.secret));
    expect(payloads.map((payload) => payload.type).sort()).toEqual([
      'task.completed',
      'task.created',
      'task.deleted',
      'task.updated',
    ]);
    const of = (type: string) => payloads.find((payload) => payload.type === type)!.data.task;
    expect(of('task.created')).toEqual(task);
    expect(of('task.updated')).toEqual(updated.body);
    const { next, ...completedTask } = completed.body as Record<string, unknown>;
    expect(next).toBeNull();
    expect(of('task.completed')).toEqual(completedTask);
    expect(of('task.deleted')).toMatchObject({ id: task.id, title: 'Write the report', completed: true });
    expect(JSON.stringify(payloads)).not.toContain(user.id);
    for (const delivery of got) {
      expect(delivery.headers['user-agent']).toBe('Taskvault-Webhooks/1');
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers.cookie).toBeUndefined();
      expect(delivery.headers.authorization).toBeUndefined();
      expect(delivery.headers['webhook-id']).toMatch(/^evt_[0-9a-f]{32}$/);
    }
    const log = await until(async () => {
      const items = await deliveriesOf(api.baseUrl, user.jwt, hook.id);
      return items.length === 4 && items.every((item) => item.status === 'succeeded') && items;
    });
    expect(log[0]).toMatchObject({ attempt: 1, responseStatus: 200, error: null, nextAttemptAt: null });
  });

  it('delivers a recurring task’s completion and the next occurrence it creates', async () => {
    const user = await createUser(api.baseUrl);
    await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/recurring') });
    const task = await createTask(api.baseUrl, user.jwt, {
      title: 'Water plants',
      dueAt: '2027-03-01T08:00:00.000Z',
      recurrence: 'FREQ=WEEKLY',
    });
    const completed = await request(api.baseUrl)
      .patch(`/api/tasks/${task.id}/complete`)
      .set(auth(user))
      .send({})
      .expect(200);
    const next = (completed.body as { next: { id: string } }).next;
    const got = await until(() => receiver.at('/recurring').length >= 3 && receiver.at('/recurring'));
    const events = got.map((delivery) => JSON.parse(delivery.body) as { type: string; data: { task: { id: string } } });
    expect(events.map((event) => `${event.type} ${event.data.task.id}`).sort()).toEqual(
      [`task.completed ${task.id}`, `task.created ${next.id}`, `task.created ${task.id}`].sort(),
    );
  });

  it('sends a user’s webhook only that user’s events, and only the events it subscribed to', async () => {
    const alice = await createUser(api.baseUrl);
    const bob = await createUser(api.baseUrl);
    await createWebhook(api.baseUrl, alice.jwt, { url: hookAt('/alice'), events: ['task.created'] });
    await createWebhook(api.baseUrl, bob.jwt, { url: hookAt('/bob') });
    const bobs = await createTask(api.baseUrl, bob.jwt, { title: 'Bob private' });
    const alices = await createTask(api.baseUrl, alice.jwt, { title: 'Alice task' });
    await request(api.baseUrl)
      .patch(`/api/tasks/${alices.id}`)
      .set(auth(alice))
      .send({ title: 'Alice edit' })
      .expect(200);
    const marker = await createTask(api.baseUrl, alice.jwt, { title: 'Alice marker' });
    const got = await until(() => receiver.at('/alice').length >= 2 && receiver.at('/alice'));
    await until(() => receiver.at('/bob').length >= 1);
    const titles = got.map(
      (delivery) => (JSON.parse(delivery.body) as { data: { task: { title: string } } }).data.task.title,
    );
    expect(titles.sort()).toEqual(['Alice marker', 'Alice task']);
    expect(got.map((delivery) => delivery.body).join()).not.toContain(bobs.id);
    expect(
      receiver
        .at('/bob')
        .map((delivery) => delivery.body)
        .join(),
    ).not.toContain(alices.id);
    expect(
      receiver
        .at('/bob')
        .map((delivery) => delivery.body)
        .join(),
    ).not.toContain(marker.id);
  });

  it('sends a test event to that webhook alone, and logs it', async () => {
    const user = await createUser(api.baseUrl);
    const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/test-event') });
    await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/test-other') });
    const queued = await request(api.baseUrl).post(`/api/webhooks/${hook.id}/test`).set(auth(user)).expect(202);
    const [delivery] = await until(() => receiver.at('/test-event').length === 1 && receiver.at('/test-event'));
    expect(verified(delivery, hook.secret)).toMatchObject({ type: 'webhook.test', data: { webhookId: hook.id } });
    const log = await until(async () => {
      const items = await deliveriesOf(api.baseUrl, user.jwt, hook.id);
      return items[0]?.status === 'succeeded' && items;
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ id: (queued.body as { deliveryId: string }).deliveryId, event: 'webhook.test' });
    expect(receiver.at('/test-other')).toEqual([]);
  });

  it('keeps the last 50 deliveries in the log', async () => {
    const user = await createUser(api.baseUrl);
    const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/many'), events: ['task.created'] });
    for (let i = 0; i < 55; i++)
      await request(api.baseUrl).post(`/api/webhooks/${hook.id}/test`).set(auth(user)).expect(202);
    await until(() => receiver.at('/many').length === 55);
    await api.app.get(WebhookDispatcher).idle();
    const stored = await onDatabase(
      database.url,
      async (client) =>
        (
          await client.query<{ n: number }>('select count(*)::int as n from webhook_delivery where webhook_id = $1', [
            hook.id,
          ])
        ).rows[0].n,
    );
    // Attempts finishing together prune concurrently, each seeing the others' rows as committed before it.
    expect(stored).toBeLessThan(55);
    expect(stored).toBeGreaterThanOrEqual(50);
    expect(await deliveriesOf(api.baseUrl, user.jwt, hook.id)).toHaveLength(50);
  });

  describe('retries, with the clock in the test’s hands', () => {
    /** Waits for the webhook's one delivery to reach `attempt` attempts and settle. */
    const settledAt = (user: TestUser, hookId: string, attempt: number) =>
      until(async () => {
        const [item] = await deliveriesOf(api.baseUrl, user.jwt, hookId);
        return item && item.attempt === attempt && item.status !== 'pending' && item;
      });
    const moveToNextAttempt = (nextAttemptAt: string | null) => {
      clock.advance(new Date(nextAttemptAt!).getTime() - clock.now().getTime() + 1);
    };

    it('retries a 5xx with backoff under the same webhook-id, until the receiver takes it', async () => {
      const user = await createUser(api.baseUrl);
      let answer = 503;
      receiver.responders.set('/flaky', (_delivery, response) => response.writeHead(answer).end('busy'));
      const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/flaky') });
      await createTask(api.baseUrl, user.jwt);
      const first = await settledAt(user, hook.id, 1);
      expect(first).toMatchObject({ status: 'retrying', responseStatus: 503, error: 'http_error' });
      const firstWait = new Date(first.nextAttemptAt!).getTime() - clock.now().getTime();
      expect(firstWait).toBeGreaterThan(10_000);
      expect(firstWait).toBeLessThanOrEqual(30_000);
      moveToNextAttempt(first.nextAttemptAt);
      const second = await settledAt(user, hook.id, 2);
      expect(second).toMatchObject({ status: 'retrying', responseStatus: 503 });
      const secondWait = new Date(second.nextAttemptAt!).getTime() - clock.now().getTime();
      expect(secondWait).toBeGreaterThan(25_000); // 30-60 s: the wait doubled
      answer = 200;
      moveToNextAttempt(second.nextAttemptAt);
      expect(await settledAt(user, hook.id, 3)).toMatchObject({
        status: 'succeeded',
        responseStatus: 200,
        nextAttemptAt: null,
      });
      const ids = new Set(receiver.at('/flaky').map((delivery) => delivery.headers['webhook-id']));
      expect(receiver.at('/flaky')).toHaveLength(3);
      expect(ids.size).toBe(1);
      const webhook = await request(api.baseUrl).get(`/api/webhooks/${hook.id}`).set(auth(user)).expect(200);
      expect(webhook.body).toMatchObject({ enabled: true, failingSince: null });
    });

    it('retries a receiver that never answers (timeout) and a closed port (connection refused)', async () => {
      const user = await createUser(api.baseUrl);
      receiver.responders.set('/hang', () => undefined);
      const hanging = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/hang'), events: ['task.created'] });
      const closed = await new Receiver().start();
      const closedUrl = closed.url('/closed');
      await closed.stop();
      const refused = await createWebhook(api.baseUrl, user.jwt, { url: closedUrl, events: ['task.created'] });
      await createTask(api.baseUrl, user.jwt);
      expect(await settledAt(user, hanging.id, 1)).toMatchObject({
        status: 'retrying',
        error: 'timeout',
        responseStatus: null,
      });
      expect(await settledAt(user, refused.id, 1)).toMatchObject({
        status: 'retrying',
        error: 'connection_error',
        responseStatus: null,
      });
    });

    it('does not retry a 4xx other than 408 and 429', async () => {
      const user = await createUser(api.baseUrl);
      receiver.responders.set('/gone', (_delivery, response) => response.writeHead(410).end());
      receiver.responders.set('/slow-down', (_delivery, response) => response.writeHead(429).end());
      const gone = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/gone'), events: ['task.created'] });
      const limited = await createWebhook(api.baseUrl, user.jwt, {
        url: hookAt('/slow-down'),
        events: ['task.created'],
      });
      await createTask(api.baseUrl, user.jwt);
      expect(await settledAt(user, gone.id, 1)).toMatchObject({
        status: 'failed',
        responseStatus: 410,
        nextAttemptAt: null,
      });
      expect(await settledAt(user, limited.id, 1)).toMatchObject({ status: 'retrying', responseStatus: 429 });
    });

    it('gives up 24 hours after the event', async () => {
      const user = await createUser(api.baseUrl);
      receiver.responders.set('/down', (_delivery, response) => response.writeHead(500).end());
      const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/down'), events: ['task.created'] });
      await createTask(api.baseUrl, user.jwt);
      await settledAt(user, hook.id, 1);
      clock.advance(25 * 3_600_000);
      expect(await settledAt(user, hook.id, 2)).toMatchObject({
        status: 'failed',
        responseStatus: 500,
        nextAttemptAt: null,
      });
    });

    it('disables an endpoint failing for 3 days and mails its owner', async () => {
      const user = await createUser(api.baseUrl);
      receiver.responders.set('/dead', (_delivery, response) => response.writeHead(502).end());
      const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/dead'), events: ['task.created'] });
      await createTask(api.baseUrl, user.jwt);
      await settledAt(user, hook.id, 1);
      const failing = await request(api.baseUrl).get(`/api/webhooks/${hook.id}`).set(auth(user)).expect(200);
      expect(failing.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: expect.any(String) });
      clock.advance(3 * 24 * 3_600_000 + 60_000);
      await createTask(api.baseUrl, user.jwt);
      const disabled = await until(async () => {
        const response = await request(api.baseUrl).get(`/api/webhooks/${hook.id}`).set(auth(user)).expect(200);
        return response.body.enabled === false && response.body;
      });
      expect(disabled).toMatchObject({ disabledReason: 'failing', failingSince: failing.body.failingSince });
      const mails = await onDatabase(database.url, async (client) =>
        (
          await client.query<{ data: { to: string; text: string } }>(
            `select data from ${JOBS_SCHEMA}.job where name = $1 and data->>'kind' = 'webhook-disabled'`,
            [MAIL_QUEUE],
          )
        ).rows.filter((row) => row.data.to === user.email),
      );
      expect(mails).toHaveLength(1);
      expect(mails[0].data.text).toContain(hookAt('/dead'));
      const received = receiver.at('/dead').length;
      await createTask(api.baseUrl, user.jwt);
      const marker = await createWebhook(api.baseUrl, user.jwt, {
        url: hookAt('/after-disable'),
        events: ['task.created'],
      });
      await createTask(api.baseUrl, user.jwt);
      await until(() => receiver.at('/after-disable').length === 1);
      expect(receiver.at('/dead')).toHaveLength(received);
      void marker;
      const enabled = await request(api.baseUrl)
        .patch(`/api/webhooks/${hook.id}`)
        .set(auth(user))
        .send({ enabled: true })
        .expect(200);
      expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    });
  });

  describe('what a delivery will not do', () => {
    it('does not follow a redirect', async () => {
      const user = await createUser(api.baseUrl);
      receiver.responders.set('/moved', (_delivery, response) =>
        response.writeHead(307, { location: receiver.url('/moved-target') }).end(),
      );
      const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/moved'), events: ['task.created'] });
      await createTask(api.baseUrl, user.jwt);
      const [item] = await until(async () => {
        const items = await deliveriesOf(api.baseUrl, user.jwt, hook.id);
        return items[0]?.status === 'failed' && items;
      });
      expect(item).toMatchObject({ error: 'redirect', responseStatus: 307, nextAttemptAt: null });
      expect(receiver.at('/moved-target')).toEqual([]);
    });

    it('reads at most 64 KiB of an answer, then closes the socket', async () => {
      const user = await createUser(api.baseUrl);
      let written = 0;
      const closed = new Promise<void>((resolve) => {
        receiver.responders.set('/endless', (_delivery, response) => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          const chunk = Buffer.alloc(16 * 1024, 'x');
          const pump = () => {
            while (!response.destroyed) {
              written += chunk.length;
              if (!response.write(chunk)) {
                response.once('drain', pump);
                return;
              }
            }
          };
          response.on('close', () => resolve());
          pump();
        });
      });
      const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/endless'), events: ['task.created'] });
      await createTask(api.baseUrl, user.jwt);
      await closed;
      const [item] = await until(async () => {
        const items = await deliveriesOf(api.baseUrl, user.jwt, hook.id);
        return items[0]?.status === 'succeeded' && items;
      });
      expect(item).toMatchObject({ responseStatus: 200, error: null });
      // The answer never ends: the worker closed the socket after reading its share (64 KiB; what
      // the receiver managed to write includes the kernel's socket buffers).
      expect(written).toBeGreaterThanOrEqual(64 * 1024);
      expect(written).toBeLessThan(16 * 1024 * 1024);
    });

    it('refuses at delivery time a host that now resolves to a forbidden address, without opening a socket', async () => {
      const user = await createUser(api.baseUrl);
      network.dns.set('moving.test', ['127.0.0.1']);
      const hook = await createWebhook(api.baseUrl, user.jwt, {
        url: `http://moving.test:${receiver.port}/moving`,
        events: ['task.created'],
      });
      for (const addresses of [
        ['10.0.0.7'],
        ['127.0.0.1', '169.254.169.254'],
        ['::ffff:192.168.0.1'],
        ['fd00:ec2::254'],
      ]) {
        network.dns.set('moving.test', addresses);
        const before = (await deliveriesOf(api.baseUrl, user.jwt, hook.id)).length;
        await createTask(api.baseUrl, user.jwt);
        const [item] = await until(async () => {
          const items = await deliveriesOf(api.baseUrl, user.jwt, hook.id);
          return items.length > before && items[0].status === 'failed' && items;
        });
        expect(item).toMatchObject({ error: 'forbidden_address', responseStatus: null, nextAttemptAt: null });
      }
      expect(receiver.at('/moving')).toEqual([]);
    });

    it('speaks TLS to the checked address with the URL’s name for SNI and the certificate check', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'taskvault-webhook-tls-'));
      const certificate = (name: string) => {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'ec',
            '-pkeyopt',
            'ec_paramgen_curve:prime256v1',
            '-nodes',
            '-days',
            '1',
            '-subj',
            `/CN=${name}`,
            '-addext',
            `subjectAltName=DNS:${name}`,
            '-keyout',
            join(dir, `${name}.key`),
            '-out',
            join(dir, `${name}.crt`),
          ],
          { stdio: 'ignore' },
        );
        return { key: readFileSync(join(dir, `${name}.key`)), cert: readFileSync(join(dir, `${name}.crt`)) };
      };
      const secure = certificate('secure.test');
      const seen: string[] = [];
      const server = createHttpsServer(secure, (incoming, response) => {
        seen.push(`${(incoming.socket as TLSSocket).servername} ${incoming.headers.host}`);
        incoming.resume();
        incoming.on('end', () => response.writeHead(200).end());
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      network.ca = secure.cert.toString();
      network.dns.set('secure.test', ['127.0.0.1']);
      network.dns.set('impostor.test', ['127.0.0.1']);
      try {
        const user = await createUser(api.baseUrl);
        const good = await createWebhook(api.baseUrl, user.jwt, {
          url: `https://secure.test:${port}/tls`,
          events: ['task.created'],
        });
        const wrongName = await createWebhook(api.baseUrl, user.jwt, {
          url: `https://impostor.test:${port}/tls`,
          events: ['task.created'],
        });
        await createTask(api.baseUrl, user.jwt);
        const settled = (id: string) =>
          until(async () => {
            const [item] = await deliveriesOf(api.baseUrl, user.jwt, id);
            return item && item.attempt === 1 && item;
          });
        expect(await settled(good.id)).toMatchObject({ status: 'succeeded', responseStatus: 200 });
        // The certificate names secure.test, the URL impostor.test: refused, retried later.
        expect(await settled(wrongName.id)).toMatchObject({
          status: 'retrying',
          error: 'tls_error',
          responseStatus: null,
        });
        expect(seen).toEqual([`secure.test secure.test:${port}`]);
      } finally {
        network.ca = undefined;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('connects to the address it checked (DNS rebinding), with the name as Host', async () => {
      const user = await createUser(api.baseUrl);
      let lookups = 0;
      // The first two answers (creation, then the delivery's check) are loopback; any later lookup,
      // which a client resolving again at connect time would make, gets a private address.
      network.dns.set('rebind.test', () => (++lookups <= 2 ? ['127.0.0.1'] : ['10.1.2.3']));
      await createWebhook(api.baseUrl, user.jwt, {
        url: `http://rebind.test:${receiver.port}/rebind`,
        events: ['task.created'],
      });
      await createTask(api.baseUrl, user.jwt);
      const [delivery] = await until(() => receiver.at('/rebind').length === 1 && receiver.at('/rebind'));
      expect(delivery.headers.host).toBe(`rebind.test:${receiver.port}`);
      expect(lookups).toBe(2);
    });
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const user = await createUser(api.baseUrl);
    const hook = await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/rotate'), events: ['task.created'] });
    const rotated = await request(api.baseUrl)
      .post(`/api/webhooks/${hook.id}/rotate-secret`)
      .set(auth(user))
      .expect(200);
    const { secret, previousSecretExpiresAt, secretRotatedAt } = rotated.body as Record<string, string>;
    expect(secret).not.toBe(hook.secret);
    expect(new Date(previousSecretExpiresAt).getTime() - new Date(secretRotatedAt).getTime()).toBe(24 * 3_600_000);
    await createTask(api.baseUrl, user.jwt);
    const [during] = await until(() => receiver.at('/rotate').length === 1 && receiver.at('/rotate'));
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(during, hook.secret).type).toBe('task.created');
    expect(verified(during, secret).type).toBe('task.created');
    clock.advance(24 * 3_600_000 + 60_000);
    await createTask(api.baseUrl, user.jwt);
    const after = (await until(() => receiver.at('/rotate').length === 2 && receiver.at('/rotate')))[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verified(after, secret).type).toBe('task.created');
    expect(() => verified(after, hook.secret)).toThrow(WebhookVerificationError);
  });

  it('makes each delivery once with two instances on one database', async () => {
    const second = await startTestApp({ WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_POLL_SECONDS: '0.2' }, database, {
      webhooks: { network, clock },
    });
    try {
      const user = await createUser(api.baseUrl);
      await createWebhook(api.baseUrl, user.jwt, { url: hookAt('/pair'), events: ['task.created'] });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          createTask(i % 2 ? api.baseUrl : second.baseUrl, user.jwt, { title: `T${i}` }),
        ),
      );
      await until(() => receiver.at('/pair').length >= 20);
      // Both workers were awake (NOTIFY reaches every instance); give a duplicate the time to show.
      await Promise.all([api.app.get(WebhookDispatcher).idle(), second.app.get(WebhookDispatcher).idle()]);
      const ids = receiver.at('/pair').map((delivery) => delivery.headers['webhook-id']);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    } finally {
      await second.close();
    }
  });

  it('loses nothing in a restart: a delivery left retrying is made by the instance started after', async () => {
    const own = await createTestDatabase();
    const env = { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_POLL_SECONDS: '0.2' };
    let answer = 503;
    receiver.responders.set('/restart', (_delivery, response) => response.writeHead(answer).end());
    const before = await startTestApp(env, own, { webhooks: { network, clock } });
    let after: TestApp | undefined;
    try {
      const user = await createUser(before.baseUrl);
      const hook = await createWebhook(before.baseUrl, user.jwt, { url: hookAt('/restart'), events: ['task.created'] });
      await createTask(before.baseUrl, user.jwt);
      const [first] = await until(async () => {
        const items = await deliveriesOf(before.baseUrl, user.jwt, hook.id);
        return items[0]?.attempt === 1 && items;
      });
      expect(first.status).toBe('retrying');
      await before.close();
      answer = 200;
      after = await startTestApp(env, own, { webhooks: { network, clock } });
      clock.advance(new Date(first.nextAttemptAt!).getTime() - clock.now().getTime() + 1);
      const [made] = await until(async () => {
        const items = await deliveriesOf(after!.baseUrl, user.jwt, hook.id);
        return items[0]?.status === 'succeeded' && items;
      });
      expect(made).toMatchObject({ attempt: 2, responseStatus: 200, eventId: first.eventId });
    } finally {
      await after?.close();
      await own.drop();
    }
  });
});
