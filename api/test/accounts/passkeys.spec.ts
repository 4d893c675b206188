import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, jwtFor, type TestUser } from '../support/auth-fixtures.js';
import { SoftwareAuthenticator, type Ceremony } from '../support/software-authenticator.js';
import { onDatabase } from '../support/token-fixtures.js';
import { startTestApp, TEST_WEB_ORIGIN, type TestApp } from '../support/test-app.js';
import { secretOf, totpCode } from '../support/totp.js';

const CHALLENGE_COOKIE = /^better-auth\.better-auth-passkey=[^;]+/;
/** The test app's public URL is http://localhost:3000: the RP ID is its host. */
const HONEST: Ceremony = { origin: TEST_WEB_ORIGIN, rpId: 'localhost' };

describe('passkeys (WebAuthn)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  function challengeCookieOf(response: request.Response): string {
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const cookie = cookies.find((value) => CHALLENGE_COOKIE.test(value));
    if (!cookie) throw new Error('no passkey challenge cookie');
    return cookie.split(';')[0];
  }

  /** GET registration options as the user: the challenge and the cookie that names it. */
  async function registrationOptions(user: TestUser): Promise<{ challenge: string; cookie: string }> {
    const response = await request(api.baseUrl)
      .get('/api/auth/passkey/generate-register-options')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .expect(200);
    expect(response.body.rp).toEqual({ name: 'Taskvault', id: 'localhost' });
    return { challenge: response.body.challenge, cookie: challengeCookieOf(response) };
  }

  const verifyRegistration = (user: TestUser, cookie: string, body: Record<string, unknown>) =>
    request(api.baseUrl)
      .post('/api/auth/passkey/verify-registration')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .set('Cookie', cookie)
      .set('Origin', TEST_WEB_ORIGIN)
      .send(body);

  async function addPasskey(user: TestUser, authenticator = new SoftwareAuthenticator()) {
    const { challenge, cookie } = await registrationOptions(user);
    const response = await verifyRegistration(user, cookie, {
      response: authenticator.register(challenge, HONEST),
      name: 'Laptop',
      password: user.password,
    }).expect(200);
    return { authenticator, passkey: response.body as { id: string; name: string; userId: string } };
  }

  async function authenticationOptions(): Promise<{ challenge: string; cookie: string }> {
    const response = await request(api.baseUrl).get('/api/auth/passkey/generate-authenticate-options').expect(200);
    return { challenge: response.body.challenge, cookie: challengeCookieOf(response) };
  }

  /** A whole passkey sign-in: options, then the assertion; resolves to the assertion's answer. */
  async function signInWithPasskey(authenticator: SoftwareAuthenticator, ceremony: Ceremony = HONEST, status = 200) {
    const { challenge, cookie } = await authenticationOptions();
    return request(api.baseUrl)
      .post('/api/auth/passkey/verify-authentication')
      .set('Cookie', cookie)
      .set('Origin', TEST_WEB_ORIGIN)
      .send({ response: authenticator.authenticate(challenge, ceremony) })
      .expect(status);
  }

  const passkeysOf = (userId: string) =>
    onDatabase(api.databaseUrl, async (client) => {
      return (await client.query<{ id: string }>('select "id" from "passkey" where "userId" = $1', [userId])).rows;
    });

  it('adds a passkey with the password, then signs in with it alone into the same session → JWT path', async () => {
    const user = await createUser(api.baseUrl);
    const { authenticator, passkey } = await addPasskey(user);
    expect(passkey).toMatchObject({ name: 'Laptop', userId: user.id });

    const signedIn = await signInWithPasskey(authenticator);
    expect(signedIn.body.user.id).toBe(user.id);
    const sessionToken = signedIn.headers['set-auth-token'];
    expect(sessionToken).toEqual(expect.any(String));
    const jwt = await jwtFor(api.baseUrl, sessionToken);
    await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${jwt}`).expect(200);
  });

  it('registration options need a session; the registration needs the right password', async () => {
    await request(api.baseUrl).get('/api/auth/passkey/generate-register-options').expect(401);
    const user = await createUser(api.baseUrl);
    const authenticator = new SoftwareAuthenticator();
    const { challenge, cookie } = await registrationOptions(user);
    const response = authenticator.register(challenge, HONEST);
    const missing = await verifyRegistration(user, cookie, { response, name: 'Key' }).expect(400);
    expect(missing.body.code).toBe('PASSWORD_REQUIRED');
    const wrong = await verifyRegistration(user, cookie, {
      response,
      name: 'Key',
      password: 'not-the-password',
    }).expect(400);
    expect(wrong.body.code).toBe('INVALID_PASSWORD');
    expect(await passkeysOf(user.id)).toHaveLength(0);
    // A wrong password ends the ceremony (its challenge is spent): the right one needs a new one.
    await verifyRegistration(user, cookie, { response, name: 'Key', password: user.password }).expect(400);
    const again = await registrationOptions(user);
    const registered = authenticator.register(again.challenge, HONEST);
    await verifyRegistration(user, again.cookie, { response: registered, name: 'Key', password: user.password }).expect(
      200,
    );
    expect(await passkeysOf(user.id)).toHaveLength(1);
  });

  it('refuses a registration made for another user’s challenge, or for a challenge never issued', async () => {
    const victim = await createUser(api.baseUrl);
    const attacker = await createUser(api.baseUrl);
    const authenticator = new SoftwareAuthenticator();
    const victims = await registrationOptions(victim);
    // The attacker's session with the victim's challenge cookie.
    const crossed = await verifyRegistration(attacker, victims.cookie, {
      response: authenticator.register(victims.challenge, HONEST),
      password: attacker.password,
    });
    expect(crossed.status).toBe(401);
    expect(crossed.body.code).toBe('YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY');
    // The attacker's own cookie, a response signed over another challenge.
    const own = await registrationOptions(attacker);
    const replayed = await verifyRegistration(attacker, own.cookie, {
      response: authenticator.register(victims.challenge, HONEST),
      password: attacker.password,
    }).expect(400);
    expect(replayed.body.code).toBe('FAILED_TO_VERIFY_REGISTRATION');
    // No cookie at all.
    await verifyRegistration(attacker, '', {
      response: authenticator.register(own.challenge, HONEST),
      password: attacker.password,
    }).expect(400);
    expect(await passkeysOf(victim.id)).toHaveLength(0);
    expect(await passkeysOf(attacker.id)).toHaveLength(0);
  });

  it.each<[string, Ceremony]>([
    ['another origin', { origin: 'https://evil.example', rpId: 'localhost' }],
    ['another RP ID', { origin: TEST_WEB_ORIGIN, rpId: 'evil.example' }],
    ['no user verification', { ...HONEST, userVerified: false }],
  ])('refuses a registration with %s (400 or 401, never stored)', async (_, ceremony) => {
    const user = await createUser(api.baseUrl);
    const { challenge, cookie } = await registrationOptions(user);
    const response = await verifyRegistration(user, cookie, {
      response: new SoftwareAuthenticator().register(challenge, ceremony),
      password: user.password,
    });
    expect([400, 401]).toContain(response.status);
    expect(await passkeysOf(user.id)).toHaveLength(0);
  });

  it.each<[string, Ceremony]>([
    ['another origin (a phishing page)', { origin: 'https://taskvault.evil.example', rpId: 'localhost' }],
    ['another RP ID', { origin: TEST_WEB_ORIGIN, rpId: 'evil.example' }],
    ['no user verification', { ...HONEST, userVerified: false }],
  ])('refuses an assertion with %s', async (_, ceremony) => {
    const user = await createUser(api.baseUrl);
    const { authenticator } = await addPasskey(user);
    const refused = await signInWithPasskey(authenticator, ceremony, ceremony.userVerified === false ? 401 : 400);
    expect(refused.headers['set-auth-token']).toBeUndefined();
    await signInWithPasskey(authenticator);
  });

  it('refuses a cloned authenticator: a sign counter that does not go up', async () => {
    const user = await createUser(api.baseUrl);
    const { authenticator } = await addPasskey(user);
    await signInWithPasskey(authenticator);
    await signInWithPasskey(authenticator);
    const clone = await signInWithPasskey(authenticator, { ...HONEST, counter: 1 }, 400);
    expect(clone.body.code).toBe('AUTHENTICATION_FAILED');
  });

  it('a challenge is used once: replaying an assertion is refused', async () => {
    const user = await createUser(api.baseUrl);
    const { authenticator } = await addPasskey(user);
    const { challenge, cookie } = await authenticationOptions();
    const assertion = authenticator.authenticate(challenge, HONEST);
    const send = () =>
      request(api.baseUrl)
        .post('/api/auth/passkey/verify-authentication')
        .set('Cookie', cookie)
        .set('Origin', TEST_WEB_ORIGIN)
        .send({ response: assertion });
    await send().expect(200);
    expect((await send().expect(400)).body.code).toBe('CHALLENGE_NOT_FOUND');
  });

  it('signs in with a passkey when two-factor is on: a passkey is two factors', async () => {
    const user = await createUser(api.baseUrl);
    const { authenticator } = await addPasskey(user);
    const auth = (path: string, body: Record<string, unknown>) =>
      request(api.baseUrl).post(`/api/auth${path}`).set('Authorization', `Bearer ${user.sessionToken}`).send(body);
    const enabled = await auth('/two-factor/enable', { password: user.password }).expect(200);
    await auth('/two-factor/verify-totp', { code: totpCode(secretOf(enabled.body.totpURI)) }).expect(200);
    const signedIn = await signInWithPasskey(authenticator);
    expect(signedIn.body.user.twoFactorEnabled).toBe(true);
    await jwtFor(api.baseUrl, signedIn.headers['set-auth-token']);
  });

  it('one user cannot see, rename or remove another’s passkey (404 as for a missing one)', async () => {
    const owner = await createUser(api.baseUrl);
    const other = await createUser(api.baseUrl);
    const { passkey } = await addPasskey(owner);
    const as = (user: TestUser) => ({
      list: () =>
        request(api.baseUrl)
          .get('/api/auth/passkey/list-user-passkeys')
          .set('Authorization', `Bearer ${user.sessionToken}`),
      post: (path: string, body: Record<string, unknown>) =>
        request(api.baseUrl)
          .post(`/api/auth/passkey/${path}`)
          .set('Authorization', `Bearer ${user.sessionToken}`)
          .send(body),
    });
    expect((await as(other).list().expect(200)).body).toEqual([]);
    const missing = await as(other).post('delete-passkey', { id: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const foreign = await as(other).post('delete-passkey', { id: passkey.id }).expect(404);
    expect(foreign.body).toEqual(missing.body);
    await as(other).post('update-passkey', { id: passkey.id, name: 'Mine now' }).expect(404);
    const listed = (await as(owner).list().expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: passkey.id, name: 'Laptop' })]);

    await as(owner).post('update-passkey', { id: passkey.id, name: '  Work key  ' }).expect(200);
    expect((await as(owner).list().expect(200)).body[0].name).toBe('Work key');
    await as(owner).post('delete-passkey', { id: passkey.id }).expect(200);
    expect(await passkeysOf(owner.id)).toHaveLength(0);
  });

  it('a removed passkey signs in no more', async () => {
    const user = await createUser(api.baseUrl);
    const { authenticator, passkey } = await addPasskey(user);
    await request(api.baseUrl)
      .post('/api/auth/passkey/delete-passkey')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ id: passkey.id })
      .expect(200);
    const refused = await signInWithPasskey(authenticator, HONEST, 401);
    expect(refused.body.code).toBe('PASSKEY_NOT_FOUND');
  });

  it('records adding a passkey, signing in with it and removing it in the security activity', async () => {
    const user = await createUser(api.baseUrl);
    const { authenticator, passkey } = await addPasskey(user);
    await signInWithPasskey(authenticator);
    await request(api.baseUrl)
      .post('/api/auth/passkey/delete-passkey')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ id: passkey.id })
      .expect(200);
    // The log is written without the request waiting for it: wait for the last of the three.
    const kinds = async () =>
      onDatabase(api.databaseUrl, async (client) => {
        const { rows } = await client.query<{ kind: string; method: string | null }>(
          `select "kind", "detail"->>'method' as "method" from "security_event" where "user_id" = $1 order by "occurred_at", "id"`,
          [user.id],
        );
        return rows;
      });
    const deadline = Date.now() + 5_000;
    let rows = await kinds();
    while (!rows.some((row) => row.kind === 'passkey_removed') && Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve));
      rows = await kinds();
    }
    expect(rows.filter((row) => row.kind === 'passkey_added')).toHaveLength(1);
    expect(rows.filter((row) => row.kind === 'sign_in' && row.method === 'passkey')).toHaveLength(1);
    expect(rows.filter((row) => row.kind === 'passkey_removed')).toHaveLength(1);
  });

  it('deleting the account deletes its passkeys', async () => {
    const user = await createUser(api.baseUrl);
    await addPasskey(user);
    expect(await passkeysOf(user.id)).toHaveLength(1);
    await request(api.baseUrl)
      .post('/api/auth/delete-user')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ password: user.password })
      .expect(200);
    expect(await passkeysOf(user.id)).toHaveLength(0);
  });

  it('bounds every field: oversized, unknown, wrongly typed or refused input is a 400', async () => {
    const user = await createUser(api.baseUrl);
    const { challenge, cookie } = await registrationOptions(user);
    const good = new SoftwareAuthenticator().register(challenge, HONEST);
    const cases: Array<Record<string, unknown>> = [
      { response: { ...good, id: 'A'.repeat(5000) }, password: user.password },
      { response: { ...good, rawId: 'not base64url!' }, password: user.password },
      { response: { ...good, extra: 1 }, password: user.password },
      { response: 'a string', password: user.password },
      { response: good, password: user.password, name: 'x'.repeat(101) },
      { response: good, password: user.password, createSession: true },
      { response: good, password: user.password, unknown: 'field' },
    ];
    for (const body of cases) await verifyRegistration(user, cookie, body).expect(400);
    for (const query of ['context=x', 'name=Laptop']) {
      const refused = await request(api.baseUrl)
        .get(`/api/auth/passkey/generate-register-options?${query}`)
        .set('Authorization', `Bearer ${user.sessionToken}`)
        .expect(400);
      expect(refused.body.code).toBe('PARAMETER_NOT_ACCEPTED');
    }
    await request(api.baseUrl)
      .post('/api/auth/passkey/delete-passkey')
      .set('Authorization', `Bearer ${user.sessionToken}`)
      .send({ id: 'not-a-uuid' })
      .expect(400);
    expect(await passkeysOf(user.id)).toHaveLength(0);
  });
});

describe('passkey sign-in and the sign-in limits', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ SIGN_IN_IP_LIMIT: '2' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts passkey sign-ins with the sign-in limit per client IP (429 past it)', async () => {
    const send = () =>
      request(api.baseUrl)
        .post('/api/auth/passkey/verify-authentication')
        .set('Origin', TEST_WEB_ORIGIN)
        .send({ response: new SoftwareAuthenticator().authenticate('AAAA', HONEST) });
    await send().expect(400);
    await send().expect(400);
    const limited = await send().expect(429);
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
  });
});
