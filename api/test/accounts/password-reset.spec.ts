import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { createUser, jwtFor, signIn, uniqueEmail } from '../support/auth-fixtures.js';
import { expectJwtRefusedWithinASecond, linkIn, tokenIn } from '../support/mail-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { mannWhitneyP, median } from '../support/statistics.js';

describe('password reset by email', () => {
  let mailbox: LocalMailbox;
  let api: TestApp;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({
      SMTP_URL: mailbox.smtpUrl,
      MAIL_POLL_SECONDS: '0.5',
      ACCOUNT_MAIL_ADDRESS_LIMIT: '1000',
      ACCOUNT_MAIL_IP_LIMIT: '100000',
      BCRYPT_COST: '10',
    });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  const requestReset = (email: string, body: Record<string, unknown> = {}) =>
    request(api.baseUrl)
      .post('/api/auth/request-password-reset')
      .send({ email, ...body });
  const resetPassword = (token: string, newPassword: string) =>
    request(api.baseUrl).post('/api/auth/reset-password').send({ token, newPassword });

  /** Asks for a reset (once per user) and reads the token from the mailed link to the web app's page. */
  async function resetTokenFor(email: string): Promise<string> {
    await requestReset(email).expect(200);
    const mail = await mailbox.waitFor(email, /reset your taskvault password/i);
    expect(mail.text).toMatch(/expires in 1 hour/);
    expect(mail.text).toMatch(/if this wasn’t you/i);
    const link = linkIn(mail);
    return tokenIn(link, '/reset-password');
  }

  it('answers a known and an unknown address with the same status and body, and mails only the known one', async () => {
    const user = await createUser(api.baseUrl);
    const ghost = uniqueEmail('ghost');
    const unknown = await requestReset(ghost);
    const known = await requestReset(user.email);
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    expect(known.headers['set-cookie']).toBeUndefined();
    // Jobs run in order: once the known address's mail is here, the unknown one's job has run too.
    await mailbox.waitFor(user.email, /reset/i);
    expect(mailbox.to(ghost)).toHaveLength(0);
  });

  it('sets the new password through the mailed link, ends every session and sends a notice', async () => {
    const user = await createUser(api.baseUrl);
    const secondJwt = await jwtFor(api.baseUrl, await signIn(api.baseUrl, user.email, user.password));
    const token = await resetTokenFor(user.email);

    await resetPassword(token, 'a-fresh-password-42').expect(200);

    await expectJwtRefusedWithinASecond(api.baseUrl, user.jwt);
    await expectJwtRefusedWithinASecond(api.baseUrl, secondJwt);
    const session = await request(api.baseUrl)
      .get('/api/auth/get-session')
      .set('Authorization', `Bearer ${user.sessionToken}`);
    expect(session.body).toBeNull();
    const oldPassword = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    expect(oldPassword.status).toBe(401);
    await signIn(api.baseUrl, user.email, 'a-fresh-password-42');
    const notice = await mailbox.waitFor(user.email, /password was changed/i);
    expect(notice.text).toMatch(/if this wasn’t you/i);
  });

  it('refuses the token in a URL: only the body carries it, and the link-through route is off', async () => {
    const user = await createUser(api.baseUrl);
    const token = await resetTokenFor(user.email);
    const inQuery = await request(api.baseUrl)
      .post(`/api/auth/reset-password?token=${token}`)
      .send({ newPassword: 'never-set-password-3' });
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.code).toBe('TOKEN_IN_URL');
    const linkThrough = await request(api.baseUrl).get(`/api/auth/reset-password/${token}?callbackURL=/reset-password`);
    expect(linkThrough.status).toBe(404);
    // Neither used the token: it still sets the password once.
    await resetPassword(token, 'the-real-new-password-4').expect(200);
  });

  it('accepts a link once', async () => {
    const user = await createUser(api.baseUrl);
    const token = await resetTokenFor(user.email);
    await resetPassword(token, 'first-new-password-1').expect(200);
    const again = await resetPassword(token, 'second-new-password-2');
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_TOKEN');
    await signIn(api.baseUrl, user.email, 'first-new-password-1');
  });

  it('gives the link an hour, and refuses it once the hour has passed', async () => {
    const user = await createUser(api.baseUrl);
    const token = await resetTokenFor(user.email);
    const db = new pg.Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      const identifier = `reset-password:${token}`;
      const { rows } = await db.query<{ seconds: number }>(
        `select extract(epoch from ("expiresAt" - now()))::float as seconds from "verification" where "identifier" = $1`,
        [identifier],
      );
      expect(rows[0].seconds).toBeGreaterThan(3590);
      expect(rows[0].seconds).toBeLessThanOrEqual(3600);
      // The hour passes: the row's expiry moves into the past (the clock cannot be moved instead).
      await db.query(`update "verification" set "expiresAt" = now() - interval '1 second' where "identifier" = $1`, [
        identifier,
      ]);
    } finally {
      await db.end();
    }
    const late = await resetPassword(token, 'too-late-password-9');
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('INVALID_TOKEN');
    await signIn(api.baseUrl, user.email, user.password);
  });

  it('refuses a common password as the new one', async () => {
    const user = await createUser(api.baseUrl);
    const token = await resetTokenFor(user.email);
    const common = await resetPassword(token, 'Password123');
    expect(common.status).toBe(400);
    expect(common.body.code).toBe('PASSWORD_TOO_COMMON');
    await resetPassword(token, 'not-on-any-list-81').expect(200);
  });

  it('refuses a redirect to a foreign origin for any address alike', async () => {
    const user = await createUser(api.baseUrl);
    const known = await requestReset(user.email, { redirectTo: 'https://evil.test/steal' });
    const unknown = await requestReset(uniqueEmail('ghost'), { redirectTo: 'https://evil.test/steal' });
    expect(known.status).toBe(403);
    expect(unknown.status).toBe(known.status);
    // The same answer; only the seconds left may differ, by the time between the two requests.
    const withoutSeconds = (body: { message: string }) => ({ ...body, message: body.message.replace(/\d+/, 'N') });
    expect(withoutSeconds(unknown.body)).toEqual(withoutSeconds(known.body));
  });

  it('takes the same time for a known as for an unknown address (interleaved samples, Mann-Whitney)', async () => {
    const user = await createUser(api.baseUrl);
    const time = async (email: string) => {
      const started = performance.now();
      const response = await requestReset(email);
      expect(response.status).toBe(200);
      return performance.now() - started;
    };
    await time(user.email); // warm-up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 30; i++) {
      known.push(await time(user.email));
      unknown.push(await time(uniqueEmail('ghost')));
    }
    const p = mannWhitneyP(known, unknown);
    const gap = Math.abs(median(known) - median(unknown));
    process.stdout.write(
      `reset timing: known median ${median(known).toFixed(2)} ms, unknown ${median(unknown).toFixed(2)} ms, p=${p.toFixed(3)}\n`,
    );
    expect(gap).toBeLessThan(0.3 * Math.max(median(known), median(unknown)));
    expect(p).toBeGreaterThan(0.001);
  });
});

describe('password reset rate limits', () => {
  let mailbox: LocalMailbox;
  let api: TestApp;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({
      SMTP_URL: mailbox.smtpUrl,
      ACCOUNT_MAIL_ADDRESS_LIMIT: '2',
      ACCOUNT_MAIL_IP_LIMIT: '6',
    });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  const requestReset = (email: string) => request(api.baseUrl).post('/api/auth/request-password-reset').send({ email });

  it('limits requests per address, known or not, with Retry-After', async () => {
    const user = await createUser(api.baseUrl);
    const ghost = uniqueEmail('ghost');
    for (const email of [user.email, ghost]) {
      await requestReset(email).expect(200);
      await requestReset(email.toUpperCase()).expect(200);
    }
    const known = await requestReset(user.email);
    const unknown = await requestReset(ghost);
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(known.headers['retry-after']).toMatch(/^\d+$/);
    // The same answer; only the seconds left may differ, by the time between the two requests.
    const withoutSeconds = (body: { message: string }) => ({ ...body, message: body.message.replace(/\d+/, 'N') });
    expect(withoutSeconds(unknown.body)).toEqual(withoutSeconds(known.body));
  });

  it('limits requests per client IP across addresses', async () => {
    // The six requests of the test above used this IP's allowance: a fresh address is refused too.
    const refused = await requestReset(uniqueEmail('fresh'));
    expect(refused.status).toBe(429);
    // The 15-minute window, less the moments the test took to fill it.
    const seconds = Number(/(\d+) seconds/.exec(refused.body.message)?.[1]);
    expect(seconds).toBeGreaterThan(890);
    expect(seconds).toBeLessThanOrEqual(900);
  });
});
