import { createHmac, createPublicKey } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { base64url, decodeJwt, signWithServerKey } from '../support/server-keys.js';
import { type SecurityTarget, startSecurityTarget } from '../support/security-target.js';

describe('attacks on JWT verification: each forged or misused token is refused', () => {
  let api: SecurityTarget;
  let user: TestUser;
  let claims: Record<string, unknown>;
  let kid: string;

  beforeAll(async () => {
    api = await startSecurityTarget();
    user = await createUser(api.baseUrl);
    const decoded = decodeJwt(user.jwt);
    claims = decoded.payload;
    kid = decoded.header.kid as string;
  });
  afterAll(() => api.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const callWith = (authorization?: string) => {
    const call = request(api.baseUrl).get('/api/users/me');
    return authorization === undefined ? call : call.set('Authorization', authorization);
  };
  const expectRefused = async (authorization?: string) => {
    const response = await callWith(authorization);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="taskvault"/);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    return response;
  };
  const unsigned = (header: Record<string, unknown>, payload: Record<string, unknown>, signature = '') =>
    `${base64url(header)}.${base64url(payload)}.${signature}`;

  it('accepts a valid JWT', async () => {
    const response = await callWith(`Bearer ${user.jwt}`);
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(user.id);
  });

  it('accepts a token the server key signs with the right claims (control for the forgeries below)', async () => {
    const token = await signWithServerKey(api.databaseUrl, { ...claims, iat: now(), exp: now() + 60 });
    expect((await callWith(`Bearer ${token}`)).status).toBe(200);
  });

  it('refuses a request without a token, with a bare Bearer challenge', async () => {
    const response = await expectRefused();
    expect(response.headers['www-authenticate']).not.toMatch(/error=/);
  });

  it('refuses a bad token with error="invalid_token"', async () => {
    const response = await expectRefused('Bearer not-a-jwt');
    expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  it.each([
    ['empty bearer', 'Bearer '],
    ['wrong scheme', 'Basic dXNlcjpwYXNz'],
    ['two segments', 'Bearer abc.def'],
    ['garbage segments', 'Bearer !!!.???.***'],
    ['non-JSON header', `Bearer ${base64url('nope')}.${base64url('{}')}.sig`],
  ])('refuses a malformed token (%s)', async (_label, authorization) => {
    await expectRefused(authorization);
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = user.jwt.split('.');
    const forged = `${header}.${base64url({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${signature}`;
    await expectRefused(`Bearer ${forged}`);
  });

  it('refuses a token with its signature stripped', async () => {
    const [header, payload] = user.jwt.split('.');
    await expectRefused(`Bearer ${header}.${payload}.`);
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses alg "%s"', async (alg) => {
    await expectRefused(`Bearer ${unsigned({ alg, typ: 'JWT', kid }, claims)}`);
  });

  it('refuses HS256 signed with the public key as the HMAC secret (algorithm confusion)', async () => {
    const jwks = await request(api.baseUrl).get('/api/auth/jwks');
    const publicJwk = jwks.body.keys.find((key: { kid: string }) => key.kid === kid);
    const pem = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    for (const secret of [pem, JSON.stringify(publicJwk), `${publicJwk.x}${publicJwk.y}`]) {
      const signingInput = `${base64url({ alg: 'HS256', typ: 'JWT', kid })}.${base64url(claims)}`;
      const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
      await expectRefused(`Bearer ${signingInput}.${signature}`);
    }
  });

  it('refuses a token signed by another key under the real kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey);
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token that embeds its own verification key (jwk header)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    for (const header of [
      { alg: 'ES256', jwk },
      { alg: 'ES256', jwk, kid },
    ]) {
      const token = await new SignJWT(claims).setProtectedHeader(header).sign(privateKey);
      await expectRefused(`Bearer ${token}`);
    }
    expect(await exportSPKI(publicKey)).toContain('PUBLIC KEY');
  });

  it('refuses an expired token', async () => {
    const token = await signWithServerKey(api.databaseUrl, { ...claims, iat: now() - 120, exp: now() - 60 });
    await expectRefused(`Bearer ${token}`);
  });

  // The API remembers a verified signature for the token's exact bytes (verified-token-cache.ts):
  // these prove that what it remembers never outlives what jsonwebtoken would accept.
  const untilRefusedAt = async (authorization: string, instantMs: number) => {
    while (Date.now() < instantMs) await new Promise((resolve) => setTimeout(resolve, 20));
    await expectRefused(authorization);
  };

  it('refuses a token from the second it expires, though it was accepted just before', async () => {
    const exp = now() + 2;
    const token = await signWithServerKey(api.databaseUrl, { ...claims, iat: now(), exp });
    expect((await callWith(`Bearer ${token}`)).status).toBe(200);
    expect((await callWith(`Bearer ${token}`)).status).toBe(200);
    await untilRefusedAt(`Bearer ${token}`, exp * 1000);
  });

  it('refuses a token from the second it outlives its maximum age, though it was accepted just before', async () => {
    // The API's maximum age is the session JWT's lifetime plus 60 s (jwt.strategy.ts).
    const maxAge = (claims.exp as number) - (claims.iat as number) + 60;
    const iat = now() - maxAge + 2;
    const token = await signWithServerKey(api.databaseUrl, { ...claims, iat, exp: now() + 600 });
    expect((await callWith(`Bearer ${token}`)).status).toBe(200);
    await untilRefusedAt(`Bearer ${token}`, (iat + maxAge) * 1000);
  });

  it('refuses an accepted token with one character of its signature changed', async () => {
    expect((await callWith(`Bearer ${user.jwt}`)).status).toBe(200);
    const last = user.jwt.at(-2) === 'A' ? 'B' : 'A';
    await expectRefused(`Bearer ${user.jwt.slice(0, -2)}${last}${user.jwt.at(-1)}`);
  });

  it('refuses a token without exp', async () => {
    const { exp: _exp, ...withoutExp } = claims;
    const token = await signWithServerKey(api.databaseUrl, { ...withoutExp, iat: now() });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    const token = await signWithServerKey(api.databaseUrl, {
      ...claims,
      iat: now(),
      nbf: now() + 300,
      exp: now() + 600,
    });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token of another issuer', async () => {
    const token = await signWithServerKey(api.databaseUrl, { ...claims, iss: 'https://evil.example', exp: now() + 60 });
    expect(decodeJwt(token).payload.iss).toBe('https://evil.example');
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a token for another audience', async () => {
    const token = await signWithServerKey(api.databaseUrl, { ...claims, aud: 'another-api', exp: now() + 60 });
    await expectRefused(`Bearer ${token}`);
  });

  it('refuses a session JWT that calls itself an access token (typ at+jwt), before and after its plain twin passed', async () => {
    // The strategy remembers decoded headers: the header that marks an access token must never
    // be read as the one that does not, in either order.
    const fresh = () => ({ ...claims, iat: now(), exp: now() + 60 });
    await expectRefused(`Bearer ${await signWithServerKey(api.databaseUrl, fresh(), { typ: 'at+jwt' })}`);
    expect((await callWith(`Bearer ${await signWithServerKey(api.databaseUrl, fresh())}`)).status).toBe(200);
    await expectRefused(`Bearer ${await signWithServerKey(api.databaseUrl, fresh(), { typ: 'at+jwt' })}`);
  });

  it('refuses a token whose session id or subject is not a UUID', async () => {
    for (const change of [{ sid: "x' or 1=1 --" }, { sub: '../../etc/passwd' }, { sid: undefined }]) {
      const token = await signWithServerKey(api.databaseUrl, { ...claims, ...change, exp: now() + 60 });
      await expectRefused(`Bearer ${token}`);
    }
  });

  it('refuses a kid that names no key, even a hostile one', async () => {
    for (const hostileKid of ['../../../../dev/null', "' or '1'='1", 'x'.repeat(5000)]) {
      const token = await signWithServerKey(api.databaseUrl, { ...claims, exp: now() + 60 }, { kid: hostileKid });
      await expectRefused(`Bearer ${token}`);
    }
  });

  it('refuses an oversized token that still fits in a header with 401', async () => {
    await expectRefused(`Bearer ${'a'.repeat(12 * 1024)}.${'b'.repeat(10)}.c`);
  });

  it('refuses a 1 MB token at the HTTP layer (431), without a 500', async () => {
    // Node refuses headers over 16 KiB before the app sees them: 431, or a reset connection when
    // the refusal lands while the client is still sending. Never a 2xx, never a 500.
    const outcome = await callWith(`Bearer ${'a'.repeat(1024 * 1024)}.${'b'.repeat(10)}.c`).then(
      (response) => response.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect([431, 'ECONNRESET', 'EPIPE']).toContain(outcome);
  });

  it("answers headers just over 16 KiB with a 431 problem, not Fastify's own JSON", async () => {
    // A raw socket: the whole request is in the server's first read, so the answer always arrives.
    const { port } = new URL(api.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.end(
        `GET /api/users/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${'a'.repeat(17 * 1024)}\r\n\r\n`,
      );
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/i);
    expect(JSON.parse(body)).toEqual({
      type: 'about:blank',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: expect.stringContaining('16 KiB'),
    });
  });

  it('refuses the session token where a JWT is expected', async () => {
    await expectRefused(`Bearer ${user.sessionToken}`);
  });

  it('refuses a JWT in the query string', async () => {
    const response = await request(api.baseUrl).get(`/api/users/me?access_token=${user.jwt}`);
    expect(response.status).toBe(401);
  });

  it('refuses an ES256 "psychic signature" (r = s = 0)', async () => {
    const [header, payload] = user.jwt.split('.');
    const zeroSignature = Buffer.alloc(64).toString('base64url');
    await expectRefused(`Bearer ${header}.${payload}.${zeroSignature}`);
    const derZero = Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]).toString('base64url');
    await expectRefused(`Bearer ${header}.${payload}.${derZero}`);
  });

  it("refuses a token from another deployment's key, whatever kid it names", async () => {
    const { privateKey } = await generateKeyPair('ES256');
    for (const otherKid of ['another-deployment-key', kid]) {
      const token = await new SignJWT({ ...claims, iat: now(), exp: now() + 60 })
        .setProtectedHeader({ alg: 'ES256', kid: otherKid })
        .sign(privateKey);
      await expectRefused(`Bearer ${token}`);
    }
  });

  it('refuses jku and x5u headers pointing elsewhere, and never fetches them', async () => {
    const fetched: string[] = [];
    const lure = createServer((req, res) => {
      fetched.push(req.url ?? '');
      res.end('{}');
    });
    await new Promise<void>((resolve) => lure.listen(0, '127.0.0.1', resolve));
    const lureUrl = `http://127.0.0.1:${(lure.address() as { port: number }).port}`;
    try {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const attackerKid = 'attacker-key';
      for (const header of [
        { alg: 'ES256', kid: attackerKid, jku: `${lureUrl}/jwks.json` },
        { alg: 'ES256', kid: attackerKid, x5u: `${lureUrl}/cert.pem` },
        { alg: 'ES256', kid, jku: `${lureUrl}/jwks.json` },
      ]) {
        const token = await new SignJWT({ ...claims, iat: now(), exp: now() + 60 })
          .setProtectedHeader(header)
          .sign(privateKey);
        await expectRefused(`Bearer ${token}`);
      }
      expect(await exportJWK(publicKey)).toBeDefined();
      expect(fetched).toEqual([]);
    } finally {
      lure.close();
    }
  });

  it('refuses the JWT of a signed-out session within a second', async () => {
    const other = await createUser(api.baseUrl);
    expect((await callWith(`Bearer ${other.jwt}`)).status).toBe(200);
    await request(api.baseUrl)
      .post('/api/auth/sign-out')
      .set('Authorization', `Bearer ${other.sessionToken}`)
      .expect(200);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 1000) {
      status = (await callWith(`Bearer ${other.jwt}`)).status;
    }
    expect(status).toBe(401);
  });
});
