import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AppConfig } from '../../src/config/app-config.service.js';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { SecurityActivityRetention } from '../../src/security-activity/security-activity-retention.js';
import { createUser, jwtFor, signIn, type TestUser, uniqueEmail } from '../support/auth-fixtures.js';
import { linkIn, tokenIn, verifyEmail } from '../support/mail-fixtures.js';
import { obtainTokens, RedirectListener, registerApp } from '../support/oauth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken, onDatabase } from '../support/token-fixtures.js';
import { secretOf, totpCode, wrongTotpCode } from '../support/totp.js';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DAY_MS = 86_400_000;

interface StoredEvent {
  id: string;
  kind: string;
  ip: string | null;
  user_agent: string | null;
  device: string | null;
  detail: Record<string, unknown>;
}

interface ListedEvent {
  id: string;
  kind: string;
  occurredAt: string;
  ip: string | null;
  device: string | null;
  thisDevice: boolean;
  method?: string;
  clientId?: string;
  tokenName?: string;
}

describe('security activity: recorded by the server, listed to its owner only', () => {
  let api: TestApp;
  let mailbox: LocalMailbox;
  beforeAll(async () => {
    mailbox = await new LocalMailbox().start();
    api = await startTestApp({ SMTP_URL: mailbox.smtpUrl, MAIL_POLL_SECONDS: '0.5' });
  });
  afterAll(async () => {
    await api.close();
    await mailbox.stop();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const rowsOf = (userId: string) =>
    onDatabase(api.databaseUrl, async (client) => {
      const { rows } = await client.query<StoredEvent>(
        `select "id", "kind", "ip", "user_agent", "device", "detail" from "security_event" where "user_id" = $1 order by "occurred_at", "id"`,
        [userId],
      );
      return rows;
    });
  const countOf = (rows: StoredEvent[], kind: string) => rows.filter((row) => row.kind === kind).length;

  /** The rows are written without the request waiting for them: wait until `kind` has `count` of them. */
  async function eventually(userId: string, kind: string, count = 1): Promise<StoredEvent[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const rows = await rowsOf(userId);
      if (countOf(rows, kind) >= count || Date.now() > deadline) {
        expect(countOf(rows, kind)).toBe(count);
        return rows;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Makes a later write visible: a marker event of the same user is written after the ones before it. */
  async function settled(user: TestUser): Promise<StoredEvent[]> {
    const before = countOf(await rowsOf(user.id), 'personal_token_created');
    await createPersonalToken(api.baseUrl, user.sessionToken, { name: 'marker', scopes: ['tasks:read'] });
    const rows = await eventually(user.id, 'personal_token_created', before + 1);
    return rows.filter((row) => !(row.kind === 'personal_token_created' && row.detail.tokenName === 'marker'));
  }

  /** Turns two-factor on and confirms it with a code: the secret, the backup codes, the confirming code and the new session. */
  async function turnOnTwoFactor(user: TestUser) {
    const enabled = await request(api.baseUrl)
      .post('/api/auth/two-factor/enable')
      .set(bearer(user.sessionToken))
      .send({ password: user.password })
      .expect(200);
    const secret = secretOf(enabled.body.totpURI);
    const code = totpCode(secret);
    const confirmed = await request(api.baseUrl)
      .post('/api/auth/two-factor/verify-totp')
      .set(bearer(user.sessionToken))
      .send({ code })
      .expect(200);
    return {
      secret,
      code,
      backupCodes: enabled.body.backupCodes as string[],
      session: confirmed.headers['set-auth-token'] as string,
    };
  }

  const list = (sessionToken: string, query: Record<string, string> = {}) =>
    request(api.baseUrl).get('/api/users/me/security-activity').query(query).set(bearer(sessionToken));

  const signInAs = (user: TestUser, password = user.password, userAgent = FIREFOX_LINUX) =>
    request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .set('User-Agent', userAgent)
      .send({ email: user.email, password });

  it('records a sign-in and a wrong password for the account, and nothing for an address without one', async () => {
    const user = await createUser(api.baseUrl);
    const [{ n: before }] = await onDatabase(
      api.databaseUrl,
      async (client) => (await client.query<{ n: string }>(`select count(*) as n from "security_event"`)).rows,
    );
    await request(api.baseUrl)
      .post('/api/auth/sign-in/email')
      .send({ email: uniqueEmail('nobody'), password: 'whatever-password' })
      .expect(401);

    await signInAs(user).expect(200);
    await signInAs(user, 'not-the-password').expect(401);
    const rows = await eventually(user.id, 'sign_in_failed');
    expect(countOf(rows, 'sign_in')).toBe(2); // the sign-up's session, then this one
    const failed = rows.find((row) => row.kind === 'sign_in_failed')!;
    expect(failed.detail).toEqual({ method: 'password' });
    expect(failed.ip).toBe('127.0.0.1');
    expect(failed.device).toBe('Firefox on Linux');
    const [{ n: after }] = await onDatabase(
      api.databaseUrl,
      async (client) =>
        (
          await client.query<{ n: string }>(`select count(*) as n from "security_event" where "user_id" <> $1`, [
            user.id,
          ])
        ).rows,
    );
    // Other tests run in this file in order, not at once: the unknown address added no row anywhere.
    expect(Number(after)).toBeLessThanOrEqual(Number(before));
  });

  it('marks the first sign-in from a device unseen for 90 days as a new device, once', async () => {
    const user = await createUser(api.baseUrl);
    await signInAs(user, user.password, SAFARI_IPHONE).expect(200);
    let rows = await eventually(user.id, 'new_device');
    expect(rows.find((row) => row.kind === 'new_device')!.device).toBe('Safari on iOS');
    await signInAs(user, user.password, SAFARI_IPHONE).expect(200);
    await signInAs(user, user.password, SAFARI_IPHONE.replace('17_5', '17_6')).expect(200);
    await eventually(user.id, 'sign_in', 4);
    rows = await settled(user);
    expect(countOf(rows, 'new_device')).toBe(1);
  });

  it('records a password change and a password reset, each once', async () => {
    const user = await createUser(api.baseUrl);
    const newPassword = `changed-${user.password}`;
    await request(api.baseUrl)
      .post('/api/auth/change-password')
      .set(bearer(user.sessionToken))
      .send({ currentPassword: user.password, newPassword, revokeOtherSessions: true })
      .expect(200);
    await eventually(user.id, 'password_changed');

    await request(api.baseUrl).post('/api/auth/request-password-reset').send({ email: user.email }).expect(200);
    const mail = await mailbox.waitFor(user.email, /reset your taskvault password/i);
    const token = tokenIn(linkIn(mail), '/reset-password');
    await request(api.baseUrl)
      .post('/api/auth/reset-password')
      .send({ token, newPassword: `reset-${user.password}` })
      .expect(200);
    const rows = await eventually(user.id, 'password_reset');
    expect(countOf(rows, 'password_changed')).toBe(1);
  });

  it('records two-factor on, a wrong second-step code, a sign-in with the code, new backup codes and two-factor off', async () => {
    const user = await createUser(api.baseUrl);
    const { secret, session } = await turnOnTwoFactor(user);
    await eventually(user.id, 'two_factor_enabled');

    // The password step alone is no sign-in yet.
    const step = await signInAs(user).expect(200);
    const challenge = ([] as string[])
      .concat(step.headers['set-cookie'] ?? [])
      .find((cookie) => cookie.startsWith('better-auth.two_factor='))!
      .split(';')[0];
    const origin = new URL(api.app.get(AppConfig).publicUrl).origin;
    const second = (code: string) =>
      request(api.baseUrl)
        .post('/api/auth/two-factor/verify-totp')
        .set('Cookie', challenge)
        .set('Origin', origin)
        .send({ code });
    const wrong = await second(wrongTotpCode(secret));
    expect(wrong.status).toBe(401);
    let rows = await eventually(user.id, 'sign_in_failed');
    expect(rows.find((row) => row.kind === 'sign_in_failed')!.detail).toEqual({ method: 'totp' });
    await second(totpCode(secret)).expect(200);
    rows = await eventually(user.id, 'sign_in', 2);
    expect(rows.filter((row) => row.kind === 'sign_in').map((row) => row.detail.method)).toEqual(['password', 'totp']);

    await request(api.baseUrl)
      .post('/api/auth/two-factor/generate-backup-codes')
      .set(bearer(session))
      .send({ password: user.password })
      .expect(200);
    await eventually(user.id, 'backup_codes_regenerated');
    await request(api.baseUrl)
      .post('/api/auth/two-factor/disable')
      .set(bearer(session))
      .send({ password: user.password })
      .expect(200);
    rows = await eventually(user.id, 'two_factor_disabled');
    expect(countOf(rows, 'two_factor_enabled')).toBe(1);
  });

  it('records an email change requested and confirmed', async () => {
    const user = await createUser(api.baseUrl);
    const newEmail = uniqueEmail('moved');
    await request(api.baseUrl)
      .post('/api/auth/change-email')
      .set(bearer(user.sessionToken))
      .send({ newEmail })
      .expect(200);
    await eventually(user.id, 'email_change_requested');
    const confirm = await mailbox.waitFor(newEmail, /confirm your new taskvault email/i);
    expect((await verifyEmail(api.baseUrl, linkIn(confirm))).status).toBe(200);
    await eventually(user.id, 'email_changed');
  });

  it('records personal tokens created and revoked, by name, and sign out everywhere', async () => {
    const user = await createUser(api.baseUrl);
    const token = await createPersonalToken(api.baseUrl, user.sessionToken, {
      name: 'Backup script',
      scopes: ['tasks:read'],
    });
    await request(api.baseUrl).delete(`/api/tokens/${token.id}`).set(bearer(user.sessionToken)).expect(204);
    const rows = await eventually(user.id, 'personal_token_revoked');
    expect(rows.filter((row) => row.kind.startsWith('personal_token')).map((row) => row.detail)).toEqual([
      { tokenName: 'Backup script' },
      { tokenName: 'Backup script' },
    ]);
    await request(api.baseUrl).post('/api/auth/revoke-sessions').set(bearer(user.sessionToken)).send({}).expect(200);
    await eventually(user.id, 'signed_out_everywhere');
  });

  it('records a connected app granted and revoked', async () => {
    const user = await createUser(api.baseUrl);
    const listener = await new RedirectListener().start();
    try {
      const app = await registerApp(api.baseUrl, user.sessionToken, {
        redirect_uris: [listener.url],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
      });
      const resource = (
        (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as { resource: string }
      ).resource;
      await obtainTokens(api.baseUrl, user.sessionToken, app, listener, { scope: 'tasks:read', resource });
      const rows = await eventually(user.id, 'oauth_app_granted');
      expect(rows.find((row) => row.kind === 'oauth_app_granted')!.detail).toEqual({ clientId: app.client_id });
      const consents = (await (
        await fetch(`${api.baseUrl}/api/auth/oauth2/get-consents`, { headers: bearer(user.sessionToken) })
      ).json()) as Array<{ id: string }>;
      await request(api.baseUrl)
        .post('/api/auth/oauth2/delete-consent')
        .set(bearer(user.sessionToken))
        .send({ id: consents[0].id })
        .expect(200);
      await eventually(user.id, 'oauth_app_revoked');
    } finally {
      await listener.close();
    }
  });

  it('lists only the caller’s own events, newest first, in keyset pages, with this session marked', async () => {
    const alice = await createUser(api.baseUrl);
    const bob = await createUser(api.baseUrl);
    await signInAs(bob, 'wrong-password-for-bob').expect(401);
    await eventually(bob.id, 'sign_in_failed');
    const aliceSession = await signIn(api.baseUrl, alice.email, alice.password);
    await signInAs(alice, 'not-the-password').expect(401);
    await settled(alice);

    const seen: ListedEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(aliceSession, { limit: '2', ...(cursor ? { cursor } : {}) }).expect(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page.body.items as ListedEvent[]));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const stored = await rowsOf(alice.id);
    expect(seen.map((event) => event.id).sort()).toEqual(stored.map((row) => row.id).sort());
    expect(seen.map((event) => event.occurredAt)).toEqual([...seen.map((event) => event.occurredAt)].sort().reverse());
    const bobsIds = new Set((await rowsOf(bob.id)).map((row) => row.id));
    expect(seen.some((event) => bobsIds.has(event.id))).toBe(false);
    // The sign-in that made the calling session is "this device"; the sign-up's session is not.
    const signIns = seen.filter((event) => event.kind === 'sign_in');
    expect(signIns.map((event) => event.thisDevice).sort()).toEqual([false, true]);
    expect(seen.find((event) => event.kind === 'sign_in_failed')).toMatchObject({
      thisDevice: false,
      method: 'password',
      ip: '127.0.0.1',
    });
  });

  it('takes the owner from the session only: ids in the query are refused, other credentials get 403', async () => {
    const alice = await createUser(api.baseUrl);
    const bob = await createUser(api.baseUrl);
    const attacks: Array<Record<string, string>> = [{ userId: bob.id }, { user_id: bob.id }, { owner: bob.id }];
    for (const attack of attacks) {
      const response = await list(alice.sessionToken, attack);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await request(api.baseUrl).get(`/api/users/${bob.id}/security-activity`).set(bearer(alice.jwt)).expect(404);
    await list(alice.jwt).expect(403);
    const token = await createPersonalToken(api.baseUrl, alice.sessionToken, {
      name: 'reader',
      scopes: ['tasks:read'],
    });
    await list(token.token).expect(403);
    await request(api.baseUrl).get('/api/users/me/security-activity').expect(401);
    for (const cursor of [
      'x',
      Buffer.from('["2026-01-01T00:00:00.000000Z","not-a-uuid"]').toString('base64url'),
      'a'.repeat(200),
    ]) {
      expect((await list(alice.sessionToken, { cursor })).status).toBe(400);
    }
    for (const limit of ['0', '101', 'ten']) expect((await list(alice.sessionToken, { limit })).status).toBe(400);
  });

  it('never lists rows older than 90 days, and the daily job deletes them', async () => {
    const user = await createUser(api.baseUrl);
    await settled(user);
    const insert = (ageMs: number, kind: string) =>
      onDatabase(api.databaseUrl, async (client) => {
        const { rows } = await client.query<{ id: string }>(
          `insert into "security_event" ("user_id", "kind", "occurred_at") values ($1, $2, $3) returning "id"`,
          [user.id, kind, new Date(Date.now() - ageMs)],
        );
        return rows[0].id;
      });
    const old = await insert(90 * DAY_MS + 60_000, 'password_changed');
    const recent = await insert(89 * DAY_MS, 'password_reset');
    const listed = (await list(user.sessionToken, { limit: '100' }).expect(200)).body.items as ListedEvent[];
    expect(listed.map((event) => event.id)).toContain(recent);
    expect(listed.map((event) => event.id)).not.toContain(old);

    await api.app.get(SecurityActivityRetention).deleteExpired();
    const ids = (await rowsOf(user.id)).map((row) => row.id);
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
  });

  it('stores no password, token, code or secret in any row', async () => {
    const user = await createUser(api.baseUrl);
    const { secret, code, backupCodes, session } = await turnOnTwoFactor(user);
    const regenerated = await request(api.baseUrl)
      .post('/api/auth/two-factor/generate-backup-codes')
      .set(bearer(session))
      .send({ password: user.password })
      .expect(200);
    await signInAs(user, 'a-wrong-password-typed').expect(401);
    const token = await createPersonalToken(api.baseUrl, session, { name: 'ci', scopes: ['tasks:read'] });
    await eventually(user.id, 'personal_token_created');
    const rows = await eventually(user.id, 'sign_in_failed');
    const stored = JSON.stringify(rows);
    const secrets = [
      user.password,
      'a-wrong-password-typed',
      user.sessionToken,
      session,
      await jwtFor(api.baseUrl, session),
      secret,
      code,
      token.token,
      ...backupCodes,
      ...(regenerated.body.backupCodes as string[]),
    ];
    for (const value of secrets) expect(stored).not.toContain(value);
    for (const row of rows)
      expect(Object.keys(row.detail).every((key) => ['method', 'clientId', 'tokenName'].includes(key))).toBe(true);
  });
});
