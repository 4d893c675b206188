import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
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
    const updated = await request(api.baseUrl).patch(`/api/tasks/${task.id}`).set(auth(user)).send({ title: 'Write the report' }).expect(200);
    const completed = await request(api.baseUrl).patch(`/api/tasks/${task.id}/complete`).set(auth(user)).send({}).expect(200);
    await request(api.baseUrl).delete(`/api/tasks/${task.id}`).set(auth(user)).expect(204);
    const got = await until(() => receiver.received.length - before >= 4 && receiver.received.slice(before));
    const payloads = got.map((delivery) => verified(delivery, hook.secret));
    expect(payloads.map((payload) => payload.type).sort()).toEqual(
      ['task.completed', 'task.created', 'task.deleted', 'task.updated'],
    );
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
});
