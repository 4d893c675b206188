import { afterEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { JOBS_SCHEMA } from '../../src/jobs/job-queue.service.js';
import { MAIL_QUEUE } from '../../src/mail/mail.service.js';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { createUser, uniqueEmail } from '../support/auth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Short retry delays and polls: the queue's timing is configuration, so the tests need no sleeps. */
const FAST_QUEUE = { MAIL_RETRY_DELAY_SECONDS: '1', MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_LIMIT: '5' };

async function mailJobStates(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string }>(`select state from ${JOBS_SCHEMA}.job where name = $1`, [
      MAIL_QUEUE,
    ]);
    return rows.map((row) => row.state);
  } finally {
    await client.end();
  }
}

/** Waits until every mail job is completed (or `timeoutMs` passes). */
async function allMailSent(databaseUrl: string, expected: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let states = await mailJobStates(databaseUrl);
  while (!(states.length === expected && states.every((state) => state === 'completed'))) {
    if (Date.now() > deadline) throw new Error(`mail jobs not all completed: ${states.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    states = await mailJobStates(databaseUrl);
  }
}

describe('the mail queue', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function mailbox(failNext = 0) {
    const box = await new LocalMailbox({ failNext }).start();
    cleanups.push(() => box.stop());
    return box;
  }

  it('answers the request without waiting on SMTP, then retries a refused mail until it is delivered once', async () => {
    const box = await mailbox(2);
    const api = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_QUEUE });
    cleanups.push(() => api.close());
    const user = await createUser(api.baseUrl);
    // Sign-up answered while SMTP was refusing (the next try is a second away at the earliest).
    expect(box.to(user.email)).toHaveLength(0);

    const mail = await box.waitFor(user.email, /confirm your email/i, 20_000);
    await allMailSent(api.databaseUrl, 1);
    expect(box.failNext).toBe(0); // both refusals were used up: the mail was tried three times
    expect(box.to(user.email)).toHaveLength(1);
    expect(mail.text).toContain('/email-verified#token=');
  });

  it('sends each mail once when two instances share the queue', async () => {
    const box = await mailbox();
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const a: TestApp = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_QUEUE }, database);
    cleanups.push(() => a.close());
    const b: TestApp = await startTestApp({ SMTP_URL: box.smtpUrl, ...FAST_QUEUE }, database);
    cleanups.push(() => b.close());

    const emails = Array.from({ length: 12 }, () => uniqueEmail('twice'));
    await Promise.all(
      emails.map((email, index) =>
        request(index % 2 ? a.baseUrl : b.baseUrl)
          .post('/api/auth/sign-up/email')
          .send({ name: 'Q', email, password: 'queue-test-password-1' })
          .expect(200),
      ),
    );
    await allMailSent(database.url, emails.length);
    for (const email of emails) expect(box.to(email)).toHaveLength(1);
    expect(box.messages).toHaveLength(emails.length);
  });

  it('keeps queued mail across a restart and delivers it after', async () => {
    const down = await mailbox(Number.MAX_SAFE_INTEGER);
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const first = await startTestApp({ SMTP_URL: down.smtpUrl, ...FAST_QUEUE, MAIL_RETRY_LIMIT: '20' }, database);
    const email = uniqueEmail('restart');
    await request(first.baseUrl)
      .post('/api/auth/sign-up/email')
      .send({ name: 'R', email, password: 'restart-test-password-1' })
      .expect(200);
    // The first attempt was refused: the mail is waiting for its retry when the instance stops.
    const deadline = Date.now() + 10_000;
    while (!(await mailJobStates(database.url)).includes('retry')) {
      if (Date.now() > deadline) throw new Error('the mail was never retried');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await first.app.close();

    const up = await mailbox();
    const second = await startTestApp({ SMTP_URL: up.smtpUrl, ...FAST_QUEUE }, database);
    cleanups.push(() => second.close());
    await up.waitFor(email, /confirm your email/i, 20_000);
    await allMailSent(database.url, 1);
    expect(up.to(email)).toHaveLength(1);
  });
});
