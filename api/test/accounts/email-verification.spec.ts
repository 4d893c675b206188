import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { createUser, jwtFor, signIn, uniqueEmail } from '../support/auth-fixtures.js';
import { linkIn, tokenIn, verifyEmail } from '../support/mail-fixtures.js';
import { mannWhitneyP, median } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FAST = { MAIL_POLL_SECONDS: '0.5', ACCOUNT_MAIL_IP_LIMIT: '100000', ACCOUNT_MAIL_ADDRESS_LIMIT: '1000' };

function signUp(baseUrl: string, email: string, password = 'a-good-long-password-7') {
  return request(baseUrl).post('/api/auth/sign-up/email').send({ name: 'Vera', email, password });
}

describe('email verification, optional (the default)', () => {
  let mailbox: LocalMailbox;
  let api: TestApp;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({ SMTP_URL: mailbox.smtpUrl, ...FAST });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  const profile = (jwt: string) =>
    request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${jwt}`).expect(200);

  it('signs the new user in at once and mails a link that verifies the address', async () => {
    const user = await createUser(api.baseUrl);
    expect((await profile(user.jwt)).body.emailVerified).toBe(false);
    const mail = await mailbox.waitFor(user.email, /confirm your email/i);
    expect(mail.text).toMatch(/expires in 24 hours/);
    expect(mail.html).toContain('<a href="');
    const verified = await verifyEmail(api.baseUrl, linkIn(mail));
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ status: true, user: null });
    expect((await profile(user.jwt)).body.emailVerified).toBe(true);
  });

  it('takes the verification token from its header only, never from the URL', async () => {
    const user = await createUser(api.baseUrl);
    const mail = await mailbox.waitFor(user.email, /confirm your email/i);
    const token = new URLSearchParams(linkIn(mail).hash.slice(1)).get('token')!;
    const inQuery = await request(api.baseUrl).get(`/api/auth/verify-email?token=${encodeURIComponent(token)}`);
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.code).toBe('TOKEN_IN_URL');
    const none = await request(api.baseUrl).get('/api/auth/verify-email');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('TOKEN_REQUIRED');
    expect((await profile(user.jwt)).body.emailVerified).toBe(false);
    await verifyEmail(api.baseUrl, linkIn(mail)).expect(200);
    expect((await profile(user.jwt)).body.emailVerified).toBe(true);
  });

  it('answers a taken address with 422, as the contract keeps for this mode', async () => {
    const user = await createUser(api.baseUrl);
    const again = await signUp(api.baseUrl, user.email);
    expect(again.status).toBe(422);
  });

  it('refuses a common password at sign-up and at a password change', async () => {
    const common = await signUp(api.baseUrl, uniqueEmail('common'), 'iloveyou');
    expect(common.status).toBe(400);
    expect(common.body).toEqual({ code: 'PASSWORD_TOO_COMMON', message: expect.stringMatching(/common/) });
    const user = await createUser(api.baseUrl);
    const change = await request(api.baseUrl)
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ currentPassword: user.password, newPassword: 'Qwerty123' });
    expect(change.status).toBe(400);
    expect(change.body.code).toBe('PASSWORD_TOO_COMMON');
    await signIn(api.baseUrl, user.email, user.password);
  });

  it('changes the address only once the new one confirms, and tells the old one', async () => {
    const user = await createUser(api.baseUrl);
    const newEmail = uniqueEmail('moved');
    await request(api.baseUrl)
      .post('/api/auth/change-email')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ newEmail })
      .expect(200);
    const confirm = await mailbox.waitFor(newEmail, /confirm your new taskvault email/i);
    // Nothing changed yet: the old address still signs in.
    await signIn(api.baseUrl, user.email, user.password);

    expect((await verifyEmail(api.baseUrl, linkIn(confirm))).status).toBe(200);

    await signIn(api.baseUrl, newEmail, user.password);
    const notice = await mailbox.waitFor(user.email, /email address was changed/i);
    expect(notice.text).toContain(newEmail);
    const old = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    expect(old.status).toBe(401);
  });

  it('honours a change-of-address link once: replayed after moving back, it changes nothing', async () => {
    const user = await createUser(api.baseUrl);
    const changeTo = async (newEmail: string) => {
      await request(api.baseUrl)
        .post('/api/auth/change-email')
        .set('Authorization', `Bearer ${user.sessionToken}`)
        .send({ newEmail })
        .expect(200);
      return linkIn(await mailbox.waitFor(newEmail, /confirm your new taskvault email/i));
    };
    const away = uniqueEmail('away');
    const toAway = await changeTo(away);
    expect((await verifyEmail(api.baseUrl, toAway)).status).toBe(200);
    const again = await verifyEmail(api.baseUrl, toAway);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_TOKEN');

    // Back to the first address: now the account has the address the old link was made for.
    const back = await changeTo(user.email);
    expect((await verifyEmail(api.baseUrl, back)).status).toBe(200);
    const replay = await verifyEmail(api.baseUrl, toAway);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_TOKEN');
    await signIn(api.baseUrl, user.email, user.password);
    const moved = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: away, password: user.password });
    expect(moved.status).toBe(401);
  });

  it('keeps only a hash of a used change-of-address link, until it expires', async () => {
    const user = await createUser(api.baseUrl);
    const newEmail = uniqueEmail('hashed');
    await request(api.baseUrl)
      .post('/api/auth/change-email')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ newEmail })
      .expect(200);
    const link = linkIn(await mailbox.waitFor(newEmail, /confirm your new taskvault email/i));
    await verifyEmail(api.baseUrl, link).expect(200);
    const token = tokenIn(link, '/email-verified');
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ hash: string; ttl: number }>(
        `select encode("token_hash", 'hex') as hash, extract(epoch from "expires_at" - now())::int as ttl
         from "used_email_change_link"`,
      );
      const expected = createHash('sha256').update(token).digest('hex');
      expect(rows.map((row) => row.hash)).toContain(expected);
      expect(JSON.stringify(rows)).not.toContain(token);
      const ttl = rows.find((row) => row.hash === expected)!.ttl;
      expect(ttl).toBeGreaterThan(23 * 3600);
      expect(ttl).toBeLessThanOrEqual(24 * 3600);
    } finally {
      await client.end();
    }
  });

  it('does not move the account to an address that already has one', async () => {
    const user = await createUser(api.baseUrl);
    const other = await createUser(api.baseUrl);
    const attempt = await request(api.baseUrl)
      .post('/api/auth/change-email')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ newEmail: other.email });
    expect(attempt.status).toBe(200); // the same answer as for a free address
    await signIn(api.baseUrl, user.email, user.password);
    // A barrier: the queue delivers in order, so once a change requested after the attempt has
    // mailed its confirmation, any mail the attempt queued has been delivered too.
    const later = uniqueEmail('later');
    await request(api.baseUrl)
      .post('/api/auth/change-email')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ newEmail: later })
      .expect(200);
    await mailbox.waitFor(later, /confirm your new taskvault email/i);
    expect(mailbox.to(other.email).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/confirm your email address/i),
    ]);
    expect(mailbox.to(user.email).filter((mail) => /email address was changed/i.test(mail.subject))).toHaveLength(0);
  });
});

describe('email verification, required', () => {
  let mailbox: LocalMailbox;
  let api: TestApp;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({
      SMTP_URL: mailbox.smtpUrl,
      EMAIL_VERIFICATION: 'required',
      ...FAST,
    });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  const signInAs = (email: string, password: string) =>
    request(api.baseUrl).post('/api/auth/sign-in/email').send({ email, password });

  it('refuses sign-in before the address is verified with 403 EMAIL_NOT_VERIFIED, then admits it after', async () => {
    const email = uniqueEmail('unverified');
    const created = await signUp(api.baseUrl, email);
    expect(created.status).toBe(200);
    expect(created.body.token).toBeNull();
    // The account is written by the queued sign-up, which mails the link when it has run.
    const mail = await mailbox.waitFor(email, /confirm your email/i);
    const early = await signInAs(email, 'a-good-long-password-7');
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('EMAIL_NOT_VERIFIED');

    const verified = await verifyEmail(api.baseUrl, linkIn(mail));
    expect(verified.status).toBe(200);
    // Better Auth signs the verified user in on the link itself (autoSignInAfterVerification).
    expect(String(verified.headers['set-cookie'])).toMatch(/better-auth\.session_token=/);
    expect((await signInAs(email, 'a-good-long-password-7')).status).toBe(200);
  });

  it('resends the verification mail on request', async () => {
    const email = uniqueEmail('resend');
    await signUp(api.baseUrl, email).expect(200);
    await mailbox.waitFor(email, /confirm your email/i);
    await request(api.baseUrl).post('/api/auth/send-verification-email').send({ email }).expect(200);
    const deadline = Date.now() + 10_000;
    while (mailbox.to(email).length < 2 && Date.now() < deadline) {
      await mailbox.waitFor(`${Date.now()}@never.test`, undefined, 100).catch(() => undefined);
    }
    expect(mailbox.to(email)).toHaveLength(2);
  });

  it('answers a sign-up with a taken address exactly like a new one, and mails the owner instead', async () => {
    const ownerEmail = uniqueEmail('owner');
    await signUp(api.baseUrl, ownerEmail).expect(200);
    await mailbox.waitFor(ownerEmail, /confirm your email/i);

    const fresh = await signUp(api.baseUrl, uniqueEmail('fresh'));
    const taken = await signUp(api.baseUrl, ownerEmail, 'someone-elses-password-3');
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(Object.keys(taken.body.user).sort()).toEqual(Object.keys(fresh.body.user).sort());
    expect(taken.body.token).toBeNull();
    expect(taken.body.user.emailVerified).toBe(false);

    const warning = await mailbox.waitFor(ownerEmail, /someone tried to sign up/i);
    expect(warning.text).toMatch(/reset your password/);
    expect(mailbox.to(ownerEmail).filter((mail) => /confirm your email/i.test(mail.subject))).toHaveLength(1);
  });

  it('takes the same time for a taken as for a new address (interleaved samples, Mann-Whitney)', async () => {
    const ownerEmail = uniqueEmail('timed-owner');
    await signUp(api.baseUrl, ownerEmail).expect(200);
    const time = async (email: string) => {
      const started = performance.now();
      const response = await signUp(api.baseUrl, email);
      expect(response.status).toBe(200);
      return performance.now() - started;
    };
    await time(uniqueEmail('warm-up'));
    const taken: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < 30; i++) {
      taken.push(await time(ownerEmail));
      fresh.push(await time(uniqueEmail('timed-fresh')));
    }
    const p = mannWhitneyP(taken, fresh);
    const gap = Math.abs(median(taken) - median(fresh));
    process.stdout.write(
      `sign-up timing: taken median ${median(taken).toFixed(2)} ms, new ${median(fresh).toFixed(2)} ms, p=${p.toFixed(3)}\n`,
    );
    expect(gap).toBeLessThan(0.3 * Math.max(median(taken), median(fresh)));
    expect(p).toBeGreaterThan(0.001);
  });

  it('creates the account under the id it answered with, once the queued sign-up has run', async () => {
    const email = uniqueEmail('same-id');
    const answered = await signUp(api.baseUrl, email).expect(200);
    const verified = await verifyEmail(api.baseUrl, linkIn(await mailbox.waitFor(email, /confirm your email/i)));
    expect(verified.status).toBe(200);
    const jwt = await jwtFor(api.baseUrl, await signIn(api.baseUrl, email, 'a-good-long-password-7'));
    const me = await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(me.body.id).toBe(answered.body.user.id);
  });

  it('keeps neither the address nor the password hash readable in the job queue', async () => {
    const email = uniqueEmail('sealed');
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      // Queued, running or done: the job's row is in pgboss.job or, after it ran, in pgboss.archive.
      await signUp(api.baseUrl, email, 'a-sealed-long-password-9').expect(200);
      const { rows } = await client.query<{ data: unknown }>(
        `select data from pgboss.job where name = 'sign-up-request'
         union all select data from pgboss.archive where name = 'sign-up-request'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { data } of rows) {
        const text = JSON.stringify(data);
        expect(text).not.toContain(email);
        expect(text).not.toMatch(/\$2[aby]\$/);
        expect(Object.keys(data as object)).toEqual(['sealed']);
      }
    } finally {
      await client.end();
    }
  });

  it('sends one verification mail and one notice when the same new address signs up twice at once', async () => {
    const email = uniqueEmail('twice');
    const [first, second] = await Promise.all([
      signUp(api.baseUrl, email),
      signUp(api.baseUrl, email, 'another-long-password-5'),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    await mailbox.waitFor(email, /confirm your email/i);
    await mailbox.waitFor(email, /someone tried to sign up/i);
    expect(mailbox.to(email)).toHaveLength(2);
    // The password of the request that created the account is the one that works.
    const verified = await verifyEmail(api.baseUrl, linkIn(await mailbox.waitFor(email, /confirm your email/i)));
    expect(verified.status).toBe(200);
    const signIns = await Promise.all(
      ['a-good-long-password-7', 'another-long-password-5'].map((password) =>
        request(api.baseUrl).post('/api/auth/sign-in/email').send({ email, password }),
      ),
    );
    expect(signIns.map((response) => response.status).sort()).toEqual([200, 401]);
  });
});

describe('verification resend limits', () => {
  let mailbox: LocalMailbox;
  let api: TestApp;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({
      SMTP_URL: mailbox.smtpUrl,
      EMAIL_VERIFICATION: 'required',
      ACCOUNT_MAIL_ADDRESS_LIMIT: '2',
    });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  it('limits resends per address with 429 and Retry-After', async () => {
    const email = uniqueEmail('bomb');
    const resend = () => request(api.baseUrl).post('/api/auth/send-verification-email').send({ email });
    await resend().expect(200);
    await resend().expect(200);
    const third = await resend();
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
  });
});
