import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { AppConfig } from '../../src/config/app-config.service.js';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { createUser, jwtFor, type TestUser } from '../support/auth-fixtures.js';
import { linkIn, verifyEmail } from '../support/mail-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { secretOf, totpCode, wrongTotpCode } from '../support/totp.js';

const BACKUP_CODE = /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/;
const CHALLENGE_COOKIE = /^better-auth\.two_factor=[^;]+/;

interface TwoFactorUser extends TestUser {
  secret: string;
  backupCodes: string[];
}

describe('two-factor sign-in (TOTP and backup codes)', () => {
  let mailbox: LocalMailbox;
  let api: TestApp;
  /** The API's own origin (its public URL): what a script names in `Origin` on the second step. */
  let apiOrigin: string;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({ SMTP_URL: mailbox.smtpUrl, MAIL_POLL_SECONDS: '0.5' });
    apiOrigin = new URL(api.app.get(AppConfig).publicUrl).origin;
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  const post = (path: string, sessionToken: string, body: Record<string, unknown>) =>
    request(api.baseUrl).post(`/api/auth${path}`).set('Authorization', `Bearer ${sessionToken}`).send(body);

  /** Turns two-factor on and confirms it with a code; the session continues under a new token. */
  async function withTwoFactor(user: TestUser): Promise<TwoFactorUser> {
    const enabled = await post('/two-factor/enable', user.sessionToken, { password: user.password }).expect(200);
    const secret = secretOf(enabled.body.totpURI);
    const confirmed = await post('/two-factor/verify-totp', user.sessionToken, { code: totpCode(secret) }).expect(200);
    const sessionToken = confirmed.headers['set-auth-token'];
    expect(sessionToken).toEqual(expect.any(String));
    return {
      ...user,
      sessionToken,
      jwt: await jwtFor(api.baseUrl, sessionToken),
      secret,
      backupCodes: enabled.body.backupCodes,
    };
  }

  /** The password step: "second factor required" and the challenge cookie (`name=value`). */
  async function passwordStep(user: TestUser): Promise<string> {
    const response = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(response.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    const challenge = cookies(response).find((cookie) => CHALLENGE_COOKIE.test(cookie));
    if (!challenge) throw new Error('no two_factor cookie');
    return challenge.split(';')[0];
  }

  const secondStep = (path: string, challenge: string, body: Record<string, unknown>) =>
    request(api.baseUrl).post(`/api/auth${path}`).set('Cookie', challenge).set('Origin', apiOrigin).send(body);

  it('turns on with the password and a confirming code; until confirmed, sign-in needs no code', async () => {
    const user = await createUser(api.baseUrl);
    const noPassword = await post('/two-factor/enable', user.sessionToken, {});
    expect(noPassword.status).toBe(400);
    const wrongPassword = await post('/two-factor/enable', user.sessionToken, { password: 'not-the-password' });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.code).toBe('INVALID_PASSWORD');

    const enabled = await post('/two-factor/enable', user.sessionToken, { password: user.password }).expect(200);
    expect(enabled.body.method).toBe('totp');
    const uri = new URL(enabled.body.totpURI);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe('Taskvault');
    expect(decodeURIComponent(uri.pathname)).toContain(user.email);
    expect(enabled.body.backupCodes).toHaveLength(10);
    for (const code of enabled.body.backupCodes) expect(code).toMatch(BACKUP_CODE);
    const secret = secretOf(enabled.body.totpURI);

    // Stored as Better Auth stores them: ciphertext, neither the secret nor any code readable.
    const [row] = await query<{ secret: string; backupCodes: string; verified: boolean }>(
      'select "secret", "backupCodes", "verified" from "twoFactor" where "userId" = $1',
      [user.id],
    );
    expect(row.verified).toBe(false);
    expect(row.secret).not.toContain(secret);
    for (const code of enabled.body.backupCodes) expect(row.backupCodes).not.toContain(code);

    // Not confirmed yet: the password alone still signs in.
    const before = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(before.body.token).toEqual(expect.any(String));
    expect(before.body.user.twoFactorEnabled).toBe(false);

    const wrong = await post('/two-factor/verify-totp', user.sessionToken, { code: wrongTotpCode(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CODE');
    const confirmed = await post('/two-factor/verify-totp', user.sessionToken, { code: totpCode(secret) }).expect(200);
    const session = await request(api.baseUrl)
      .get('/api/auth/get-session')
      .set('Authorization', `Bearer ${confirmed.headers['set-auth-token']}`)
      .expect(200);
    expect(session.body.user.twoFactorEnabled).toBe(true);

    // The authenticator's secret can be shown again, with the password only.
    const uriAgain = await post('/two-factor/get-totp-uri', session.body.session.token, { password: 'wrong-password' });
    expect(uriAgain.status).toBe(400);
    expect(uriAgain.body.code).toBe('INVALID_PASSWORD');
    const shown = await post('/two-factor/get-totp-uri', session.body.session.token, { password: user.password });
    expect(secretOf(shown.body.totpURI)).toBe(secret);
  });

  it('signs in only with the code: the password step alone opens nothing (no session, no JWT, no task)', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    await createTask(api.baseUrl, user.jwt, { title: 'behind two factors' });
    const [{ n: sessionsBefore }] = await query<{ n: string }>(
      'select count(*) as n from "session" where "userId" = $1',
      [user.id],
    );

    const first = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(first.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    expect(first.body.token).toBeUndefined();
    expect(first.headers['set-auth-token']).toBeUndefined();
    const set = cookies(first);
    // The session cookie the password step set is cleared again; only the challenge remains.
    expect(set.find((cookie) => cookie.startsWith('better-auth.session_token='))).toMatch(/Max-Age=0/);
    const challenge = set.find((cookie) => CHALLENGE_COOKIE.test(cookie))!.split(';')[0];
    const [{ n: sessionsAfter }] = await query<{ n: string }>(
      'select count(*) as n from "session" where "userId" = $1',
      [user.id],
    );
    expect(sessionsAfter).toBe(sessionsBefore);

    // The challenge is not a session: no session, no JWT, whether sent as a cookie or a bearer token.
    const asCookie = await request(api.baseUrl).get('/api/auth/get-session').set('Cookie', challenge).expect(200);
    expect(asCookie.body).toBeNull();
    const token = await request(api.baseUrl).get('/api/auth/token').set('Cookie', challenge);
    expect(token.status).toBe(401);
    const challengeValue = decodeURIComponent(challenge.split('=')[1]);
    const asBearer = await request(api.baseUrl).get('/api/auth/token').set('Authorization', `Bearer ${challengeValue}`);
    expect(asBearer.status).toBe(401);
    const tasks = await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${challengeValue}`);
    expect(tasks.status).toBe(401);

    // The second step finishes the sign-in: a session, its JWT, the tasks.
    const second = await secondStep('/two-factor/verify-totp', challenge, { code: totpCode(user.secret) }).expect(200);
    expect(second.body.user.id).toBe(user.id);
    const jwt = await jwtFor(api.baseUrl, second.body.token);
    const list = await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(JSON.stringify(list.body)).toContain('behind two factors');

    // The challenge is spent: it cannot open a second session.
    const replay = await secondStep('/two-factor/verify-totp', challenge, { code: totpCode(user.secret) });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_TWO_FACTOR_COOKIE');
  });

  it('signs nobody in from a mailed verification link once two-factor is on (the mailbox is not a second factor)', async () => {
    const user = await createUser(api.baseUrl); // optional verification: signed in, address unconfirmed
    const mail = await mailbox.waitFor(user.email, /confirm your email/i);
    const on = await withTwoFactor(user);
    const [{ n: sessionsBefore }] = await query<{ n: string }>(
      'select count(*) as n from "session" where "userId" = $1',
      [user.id],
    );

    const verified = await verifyEmail(api.baseUrl, linkIn(mail)).expect(200);
    expect(verified.body.status).toBe(true);
    expect(verified.headers['set-auth-token']).toBeUndefined();
    const sessionCookie = cookies(verified).find((cookie) => cookie.startsWith('better-auth.session_token='));
    if (sessionCookie) expect(sessionCookie).toMatch(/Max-Age=0/);
    const [{ n: sessionsAfter }] = await query<{ n: string }>(
      'select count(*) as n from "session" where "userId" = $1',
      [user.id],
    );
    expect(sessionsAfter).toBe(sessionsBefore);
    // The address is confirmed all the same; signing in still takes the password and a code.
    const session = await request(api.baseUrl)
      .get('/api/auth/get-session')
      .set('Authorization', `Bearer ${on.sessionToken}`)
      .expect(200);
    expect(session.body.user.emailVerified).toBe(true);
    await passwordStep(user);
  });

  it('lets a client without a browser finish over HTTP: the cookie back, an Origin header, the code', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    // Exactly what the README's curl does, with Node's fetch: no cookie jar, no browser.
    const first = await fetch(`${api.baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ twoFactorRedirect: true });
    const challenge = first.headers
      .getSetCookie()
      .find((cookie) => CHALLENGE_COOKIE.test(cookie))!
      .split(';')[0];

    const finish = (headers: Record<string, string>) =>
      fetch(`${api.baseUrl}/api/auth/two-factor/verify-totp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: challenge, ...headers },
        body: JSON.stringify({ code: totpCode(user.secret) }),
      });
    // Better Auth's CSRF check: a cookie-bearing POST must name its origin…
    const withoutOrigin = await finish({});
    expect(withoutOrigin.status).toBe(403);
    expect(((await withoutOrigin.json()) as { code: string }).code).toBe('MISSING_OR_NULL_ORIGIN');
    const foreign = await finish({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe('INVALID_ORIGIN');
    // …and the API's own origin is one it trusts.
    const done = await finish({ origin: apiOrigin });
    expect(done.status).toBe(200);
    const body = (await done.json()) as { token: string };
    expect(done.headers.get('set-auth-token')).toMatch(new RegExp(`^${body.token}\\.`));
    const token = await fetch(`${api.baseUrl}/api/auth/token`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(token.status).toBe(200);
  });

  it('counts wrong codes toward the sign-in limit: 429 with Retry-After, then even the right code is refused', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    const challenge = await passwordStep(user); // the account's first point (limit: 5 in 15 minutes)
    for (let attempt = 0; attempt < 4; attempt++) {
      const wrong = await secondStep('/two-factor/verify-totp', challenge, { code: wrongTotpCode(user.secret) });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CODE');
    }
    const limited = await secondStep('/two-factor/verify-totp', challenge, { code: totpCode(user.secret) });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The same counter as wrong passwords: the password step is refused too, and a backup code.
    const password = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    expect(password.status).toBe(429);
    const backup = await secondStep('/two-factor/verify-backup-code', challenge, { code: user.backupCodes[0] });
    expect(backup.status).toBe(429);
    expect(Number(backup.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('clears the count only when a sign-in finishes, not when the password step asks for the code', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    // Five password steps (each answered "second factor required") use up the five points…
    for (let i = 0; i < 5; i++) await passwordStep(user);
    const sixth = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password });
    expect(sixth.status).toBe(429);

    const other = await withTwoFactor(await createUser(api.baseUrl));
    const challenge = await passwordStep(other);
    await secondStep('/two-factor/verify-totp', challenge, { code: wrongTotpCode(other.secret) }).expect(401);
    await secondStep('/two-factor/verify-totp', challenge, { code: totpCode(other.secret) }).expect(200);
    // …while a finished sign-in starts the count again.
    for (let i = 0; i < 5; i++) await passwordStep(other);
  });

  it('skips the code on a device trusted at the second step (trustDevice), and only there', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    const trusted = await secondStep('/two-factor/verify-totp', await passwordStep(user), {
      code: totpCode(user.secret),
      trustDevice: true,
    }).expect(200);
    const trust = cookies(trusted)
      .find((cookie) => cookie.startsWith('better-auth.trust_device='))!
      .split(';')[0];
    expect(trust).toMatch(/^better-auth\.trust_device=.+/);

    const again = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .set('Cookie', trust)
      .set('Origin', apiOrigin)
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(again.body.token).toEqual(expect.any(String));
    await passwordStep(user); // without the cookie the code is still asked for
  });

  it('takes each backup code once', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    const [code, next] = user.backupCodes;
    const used = await secondStep('/two-factor/verify-backup-code', await passwordStep(user), { code }).expect(200);
    expect(used.body.token).toEqual(expect.any(String));
    await jwtFor(api.baseUrl, used.body.token);

    const again = await secondStep('/two-factor/verify-backup-code', await passwordStep(user), { code });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_BACKUP_CODE');
    await secondStep('/two-factor/verify-backup-code', await passwordStep(user), { code: next }).expect(200);
  });

  it('regenerates backup codes with the password only; the old codes stop working', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    const wrong = await post('/two-factor/generate-backup-codes', user.sessionToken, { password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('INVALID_PASSWORD');
    await secondStep('/two-factor/verify-backup-code', await passwordStep(user), { code: user.backupCodes[0] }).expect(
      200,
    );

    const fresh = await post('/two-factor/generate-backup-codes', user.sessionToken, {
      password: user.password,
    }).expect(200);
    expect(fresh.body.backupCodes).toHaveLength(10);
    expect(fresh.body.backupCodes.some((code: string) => user.backupCodes.includes(code))).toBe(false);
    const old = await secondStep('/two-factor/verify-backup-code', await passwordStep(user), {
      code: user.backupCodes[1],
    });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('INVALID_BACKUP_CODE');
    await secondStep('/two-factor/verify-backup-code', await passwordStep(user), {
      code: fresh.body.backupCodes[0],
    }).expect(200);
  });

  it('turns off with the password only; a wrong password changes nothing', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    const none = await post('/two-factor/disable', user.sessionToken, {});
    expect(none.status).toBe(400);
    const wrong = await post('/two-factor/disable', user.sessionToken, { password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('INVALID_PASSWORD');
    await passwordStep(user); // still on

    const off = await post('/two-factor/disable', user.sessionToken, { password: user.password }).expect(200);
    expect(off.body).toEqual({ status: true });
    expect(await query('select 1 from "twoFactor" where "userId" = $1', [user.id])).toHaveLength(0);
    const signIn = await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(signIn.body.token).toEqual(expect.any(String));
    expect(signIn.body.user.twoFactorEnabled).toBe(false);
  });

  it("removes the user's two-factor row with the account", async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    await post('/delete-user', user.sessionToken, { password: user.password }).expect(200);
    expect(await query('select 1 from "twoFactor" where "userId" = $1', [user.id])).toHaveLength(0);
  });

  it('bounds every field: codes of the wrong form, unknown fields and the mail/SMS codes are refused', async () => {
    const user = await withTwoFactor(await createUser(api.baseUrl));
    // Signed in, the same routes take the same bodies (the input check is per route); the
    // second step's own points are spent by the limit test above.
    const verify = (path: string, body: Record<string, unknown>) => post(path, user.sessionToken, body);
    for (const code of ['12345', '1234567', 'abcdef', ' 123456', 123456]) {
      const refused = await verify('/two-factor/verify-totp', { code });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('INVALID_CODE');
    }
    for (const code of ['abcde12345', 'abcde-1234', 'abcde-12345-', 'a'.repeat(100_000)]) {
      const refused = await verify('/two-factor/verify-backup-code', { code });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('INVALID_CODE');
    }
    const trust = await verify('/two-factor/verify-totp', { code: '123456', trustDevice: 'yes' });
    expect(trust.status).toBe(400);
    expect(trust.body.code).toBe('INVALID_TRUST_DEVICE');
    const disableSession = await verify('/two-factor/verify-backup-code', {
      code: user.backupCodes[0],
      disableSession: true,
    });
    expect(disableSession.status).toBe(400);
    expect(disableSession.body.code).toBe('FIELD_NOT_ACCEPTED');
    const otp = await verify('/two-factor/enable', { password: user.password, method: 'otp' });
    expect(otp.status).toBe(400);
    expect(otp.body.code).toBe('FIELD_NOT_ACCEPTED');
    const unknown = await verify('/two-factor/disable', { password: user.password, userId: user.id });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_FIELD');
    const long = await verify('/two-factor/disable', { password: 'x'.repeat(129) });
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('INVALID_PASSWORD');
    for (const path of ['/two-factor/send-otp', '/two-factor/verify-otp']) {
      const off = await verify(path, path.endsWith('verify-otp') ? { code: '123456' } : {});
      expect(off.status).toBe(404);
    }
    // None of these changed anything: two-factor is still on, every backup code still good.
    await secondStep('/two-factor/verify-backup-code', await passwordStep(user), { code: user.backupCodes[0] }).expect(
      200,
    );
  });
});

function cookies(response: { headers: Record<string, unknown> }): string[] {
  const value = response.headers['set-cookie'];
  return Array.isArray(value) ? (value as string[]) : value ? [String(value)] : [];
}
