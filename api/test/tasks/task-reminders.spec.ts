import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JOBS_SCHEMA } from '../../src/jobs/job-queue.service.js';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { MAIL_QUEUE } from '../../src/mail/mail.service.js';
import { ReminderSweeper } from '../../src/reminders/reminder-sweeper.service.js';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { onDatabase } from '../support/token-fixtures.js';

const HOUR = 3_600_000;
const FAST_MAIL = { MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_DELAY_SECONDS: '1' };

/**
 * Reminders with the clock in the test's hands: each test sets reminders an hour or more ahead,
 * beyond the reach of the background sweeps, and runs the sweep itself at the time it chooses.
 */
describe('task reminders', () => {
  let box: LocalMailbox;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    box = await new LocalMailbox().start();
    database = await createTestDatabase();
    // Two instances on one database, as in production behind a load balancer.
    a = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_MAIL }, database);
    b = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_MAIL }, database);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
    await box.stop();
  });

  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.jwt}` });
  const sweepAt = (app: TestApp, now: Date) => app.app.get(ReminderSweeper).sweep(now);
  const inAnHour = () => new Date(Date.now() + HOUR);
  const reminderMailsTo = (user: TestUser) => box.to(user.email).filter((mail) => /^Reminder:/.test(mail.subject));
  /** Mail jobs queued for an address: what a sweep committed, before SMTP has seen anything. */
  const queuedMailsTo = (user: TestUser) =>
    onDatabase(database.url, async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from ${JOBS_SCHEMA}.job where name = $1 and data->>'to' = $2 and data->>'kind' = 'task-reminder'`,
        [MAIL_QUEUE, user.email],
      );
      return rows[0].n;
    });

  describe('fields', () => {
    it('computes remindAt from remindMinutesBefore and moves it with the due date, re-armed', async () => {
      const user = await createUser(a.baseUrl);
      const task = await createTask(a.baseUrl, user.jwt, {
        title: 'Dentist',
        dueAt: '2027-01-10T09:00:00.000Z',
        remindMinutesBefore: 30,
      });
      expect(task).toMatchObject({
        remindAt: '2027-01-10T08:30:00.000Z',
        remindMinutesBefore: 30,
        reminderSentAt: null,
      });
      const moved = await request(a.baseUrl)
        .patch(`/api/tasks/${task.id}`)
        .set(auth(user))
        .send({ dueAt: '2027-01-11T09:00:00.000Z' })
        .expect(200);
      expect(moved.body).toMatchObject({ remindAt: '2027-01-11T08:30:00.000Z', remindMinutesBefore: 30 });
      const absolute = await request(a.baseUrl)
        .patch(`/api/tasks/${task.id}`)
        .set(auth(user))
        .send({ remindAt: '2027-01-09T18:00:00.000Z' })
        .expect(200);
      expect(absolute.body).toMatchObject({ remindAt: '2027-01-09T18:00:00.000Z', remindMinutesBefore: null });
      const cleared = await request(a.baseUrl).patch(`/api/tasks/${task.id}`).set(auth(user)).send({ remindAt: null });
      expect(cleared.body).toMatchObject({ remindAt: null, remindMinutesBefore: null });
    });

    it.each([
      [{ remindAt: '2027-01-09T18:00:00Z', remindMinutesBefore: 10 }, 'remindAt'],
      [{ remindMinutesBefore: 10 }, 'remindMinutesBefore'], // no due date
      [{ dueAt: '2027-01-10T09:00:00Z', remindMinutesBefore: 43_201 }, 'remindMinutesBefore'],
      [{ dueAt: '2027-01-10T09:00:00Z', remindMinutesBefore: -1 }, 'remindMinutesBefore'],
      [{ dueAt: '2027-01-10T09:00:00Z', remindMinutesBefore: 1.5 }, 'remindMinutesBefore'],
      [{ dueAt: '2027-01-10T09:00:00Z', remindMinutesBefore: '10' }, 'remindMinutesBefore'],
      [{ remindAt: 'tomorrow' }, 'remindAt'],
      [{ remindAt: '2027-02-30T09:00:00Z' }, 'remindAt'],
    ])('refuses %j with a 400 naming %s, and stores nothing', async (fields, field) => {
      const user = await createUser(a.baseUrl);
      const response = await request(a.baseUrl)
        .post('/api/tasks')
        .set(auth(user))
        .send({ title: 'Refused', ...fields });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect((await request(a.baseUrl).get('/api/tasks').set(auth(user))).body.items).toEqual([]);
    });

    it('refuses clearing the due date of a task reminded relative to it', async () => {
      const user = await createUser(a.baseUrl);
      const task = await createTask(a.baseUrl, user.jwt, {
        title: 'Relative',
        dueAt: '2027-01-10T09:00:00.000Z',
        remindMinutesBefore: 5,
      });
      const response = await request(a.baseUrl).patch(`/api/tasks/${task.id}`).set(auth(user)).send({ dueAt: null });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'remindMinutesBefore', message: expect.any(String) }]);
    });
  });

  describe('delivery', () => {
    it('mails the owner once when two instances sweep at the same moment, and marks it sent', async () => {
      const owner = await createUser(a.baseUrl);
      const other = await createUser(b.baseUrl);
      const remindAt = inAnHour();
      const task = await createTask(a.baseUrl, owner.jwt, {
        title: 'Call the bank',
        dueAt: new Date(remindAt.getTime() + 15 * 60_000).toISOString(),
        remindAt: remindAt.toISOString(),
      });

      const now = new Date(remindAt.getTime() + 1000);
      const [fromA, fromB] = await Promise.all([sweepAt(a, now), sweepAt(b, now)]);
      expect(fromA + fromB).toBe(1);
      expect(await queuedMailsTo(owner)).toBe(1);
      // Later sweeps, on either instance, find nothing more to send.
      await sweepAt(a, new Date(now.getTime() + HOUR / 2));
      await sweepAt(b, new Date(now.getTime() + HOUR / 2));
      expect(await queuedMailsTo(owner)).toBe(1);

      const mail = await box.waitFor(owner.email, /^Reminder: Call the bank$/, 20_000);
      expect(mail.to).toEqual([owner.email]);
      expect(mail.text).toContain('Call the bank');
      expect(reminderMailsTo(other)).toEqual([]);
      const read = await request(a.baseUrl).get(`/api/tasks/${task.id}`).set(auth(owner)).expect(200);
      expect(read.body.reminderSentAt).toBe(now.toISOString());
    });

    it('sends nothing before the reminder time', async () => {
      const user = await createUser(a.baseUrl);
      const remindAt = new Date(Date.now() + 2 * HOUR);
      await createTask(a.baseUrl, user.jwt, { title: 'Not yet', remindAt: remindAt.toISOString() });
      await sweepAt(a, new Date(remindAt.getTime() - 1000));
      expect(await queuedMailsTo(user)).toBe(0);
      await sweepAt(a, remindAt);
      expect(await queuedMailsTo(user)).toBe(1);
    });

    it('cancels the reminder of a deleted or completed task', async () => {
      const user = await createUser(a.baseUrl);
      const remindAt = inAnHour().toISOString();
      const deleted = await createTask(a.baseUrl, user.jwt, { title: 'Deleted', remindAt });
      const completed = await createTask(a.baseUrl, user.jwt, { title: 'Completed', remindAt });
      await request(a.baseUrl).delete(`/api/tasks/${deleted.id}`).set(auth(user)).expect(204);
      await request(a.baseUrl).patch(`/api/tasks/${completed.id}/complete`).set(auth(user)).send({}).expect(200);
      await sweepAt(a, new Date(Date.now() + 2 * HOUR));
      expect(await queuedMailsTo(user)).toBe(0);
    });

    it('moves the reminder of an edited task to its new time', async () => {
      const user = await createUser(a.baseUrl);
      const first = inAnHour();
      const later = new Date(first.getTime() + 3 * HOUR);
      const task = await createTask(a.baseUrl, user.jwt, { title: 'Moved', remindAt: first.toISOString() });
      await request(a.baseUrl)
        .patch(`/api/tasks/${task.id}`)
        .set(auth(user))
        .send({ remindAt: later.toISOString() })
        .expect(200);
      await sweepAt(a, new Date(first.getTime() + 1000));
      expect(await queuedMailsTo(user)).toBe(0);
      await sweepAt(b, new Date(later.getTime() + 1000));
      expect(await queuedMailsTo(user)).toBe(1);
    });

    it('re-arms a sent reminder when the owner sets a new one', async () => {
      const user = await createUser(a.baseUrl);
      const first = inAnHour();
      const task = await createTask(a.baseUrl, user.jwt, { title: 'Again', remindAt: first.toISOString() });
      await sweepAt(a, first);
      const again = new Date(first.getTime() + HOUR);
      const patched = await request(a.baseUrl)
        .patch(`/api/tasks/${task.id}`)
        .set(auth(user))
        .send({ remindAt: again.toISOString() })
        .expect(200);
      expect(patched.body.reminderSentAt).toBeNull();
      await sweepAt(a, again);
      expect(await queuedMailsTo(user)).toBe(2);
    });

    it('sends no mail to an owner who turned reminder mails off', async () => {
      const user = await createUser(a.baseUrl);
      await request(a.baseUrl).patch('/api/users/me').set(auth(user)).send({ reminderEmails: false }).expect(200);
      const remindAt = inAnHour();
      const task = await createTask(a.baseUrl, user.jwt, { title: 'Quiet', remindAt: remindAt.toISOString() });
      await sweepAt(a, remindAt);
      expect(await queuedMailsTo(user)).toBe(0);
      // Marked sent all the same: the web app's notice is what remains.
      const read = await request(a.baseUrl).get(`/api/tasks/${task.id}`).set(auth(user)).expect(200);
      expect(read.body.reminderSentAt).toBe(remindAt.toISOString());
    });

    it('drops a reminder more than a day late instead of sending it', async () => {
      const user = await createUser(a.baseUrl);
      const remindAt = inAnHour();
      await createTask(a.baseUrl, user.jwt, { title: 'Stale', remindAt: remindAt.toISOString() });
      await sweepAt(a, new Date(remindAt.getTime() + 25 * HOUR));
      expect(await queuedMailsTo(user)).toBe(0);
    });

    it('creates one next occurrence when two instances complete the same task at once', async () => {
      const user = await createUser(a.baseUrl);
      const task = await createTask(a.baseUrl, user.jwt, {
        title: 'Two instances',
        dueAt: '2027-01-08T16:00:00.000Z',
        recurrence: 'FREQ=DAILY',
      });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(i % 2 ? a.baseUrl : b.baseUrl)
            .patch(`/api/tasks/${task.id}/complete`)
            .set(auth(user))
            .send({}),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((answer) => answer.body.next?.id)).size).toBe(1);
      const titled = await onDatabase(database.url, async (client) => {
        const { rows } = await client.query<{ n: number }>(
          "select count(*)::int as n from task where owner_id = $1 and title = 'Two instances'",
          [user.id],
        );
        return rows[0].n;
      });
      expect(titled).toBe(2);
    });

    it('carries a reminder relative to the due date over to the next occurrence of a series', async () => {
      const user = await createUser(a.baseUrl);
      const task = await createTask(a.baseUrl, user.jwt, {
        title: 'Weekly review',
        dueAt: '2027-01-08T16:00:00.000Z',
        recurrence: 'FREQ=WEEKLY',
        remindMinutesBefore: 60,
      });
      const done = await request(a.baseUrl)
        .patch(`/api/tasks/${task.id}/complete`)
        .set(auth(user))
        .send({})
        .expect(200);
      expect(done.body.next).toMatchObject({
        dueAt: '2027-01-15T16:00:00.000Z',
        remindMinutesBefore: 60,
        remindAt: '2027-01-15T15:00:00.000Z',
        reminderSentAt: null,
      });
    });
  });
  describe('restarts', () => {
    it('is sent after a restart: the instance that took the reminder stopped, a new one sends it', async () => {
      // A database of its own: no other instance may take the reminder while none of these runs.
      const own = await createTestDatabase();
      try {
        const before = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_MAIL }, own);
        const user = await createUser(before.baseUrl);
        const remindAt = inAnHour();
        await createTask(before.baseUrl, user.jwt, { title: 'After a restart', remindAt: remindAt.toISOString() });
        await before.close();
        const after = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_MAIL }, own);
        try {
          expect(await sweepAt(after, remindAt)).toBe(1);
          await box.waitFor(user.email, /^Reminder: After a restart$/, 20_000);
        } finally {
          await after.close();
        }
      } finally {
        await own.drop();
      }
    });
  });
});
