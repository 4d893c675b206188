import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createUser } from '../support/auth-fixtures.js';
import { createPersonalToken } from '../support/token-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** An API process at `logLevel` on a database of its own, for the describe block it is called in. */
function apiLoggingAt(logLevel: string): { readonly process: ApiProcess } {
  let database: TestDatabase;
  const started = {} as { process: ApiProcess };
  beforeAll(async () => {
    database = await createTestDatabase();
    started.process = await startApiProcess({ DATABASE_URL: database.url, LOG_LEVEL: logLevel });
  });
  afterAll(async () => {
    await started.process.stop();
    await database.drop();
  });
  return started;
}

describe('request logs', () => {
  const started = apiLoggingAt('info');

  it('are JSON lines with a request id, and never contain passwords, tokens (personal ones too) or cookies', async () => {
    const api = started.process;
    const password = 'a-password-that-must-not-be-logged';
    const user = await createUser(api.baseUrl, { password });
    const signIn = await request(api.baseUrl).post('/api/auth/sign-in/email').send({ email: user.email, password });
    const cookie = ([] as string[])
      .concat(signIn.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    await request(api.baseUrl).get('/api/auth/get-session').set('Cookie', cookie).set('X-Request-Id', 'trace-me-42');
    await request(api.baseUrl).get('/api/users/me').set('Authorization', `Bearer ${user.jwt}`).expect(200);
    await request(api.baseUrl)
      .get('/api/tasks?q=secret-search-text')
      .set('Authorization', `Bearer ${user.jwt}`)
      .expect(200);
    const personal = await createPersonalToken(api.baseUrl, user.sessionToken);
    await request(api.baseUrl).get('/api/tasks').set('Authorization', `Bearer ${personal.token}`).expect(200);
    await request(api.baseUrl).get('/api/tokens').set('Authorization', `Bearer ${user.sessionToken}`).expect(200);
    // A refused token is logged no more than an accepted one.
    await request(api.baseUrl)
      .get('/api/tasks')
      .set('Authorization', `Bearer ${personal.token.slice(0, -1)}x`)
      .expect(401);
    // The line of a request is written once its answer is sent: wait for the last one's line.
    await api.waitForOutput((output) => output.includes('"statusCode":401'));

    const output = api.output();
    const requestLines = output
      .split('\n')
      .filter((line) => line.includes('"request completed"'))
      .map((line) => JSON.parse(line) as { requestId?: string; req: { path: string } });
    expect(requestLines.length).toBeGreaterThanOrEqual(9);
    for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
    expect(requestLines.some((line) => line.requestId === 'trace-me-42')).toBe(true);

    const sessionCookieValue = cookie.split('=')[1];
    for (const secret of [
      password,
      user.jwt,
      user.sessionToken,
      signIn.body.token,
      sessionCookieValue,
      'secret-search-text',
      personal.token,
      personal.token.slice(4),
      `${personal.token.slice(0, -1)}x`,
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
  });

  it('keep Nest’s start-up lines at debug and print the URLs once', () => {
    const output = started.process.output();
    expect(output).not.toMatch(/Mapped \{|dependencies initialized|RoutesResolver|RouterExplorer/);
    expect(output.split('"Taskvault is running"').length - 1).toBe(1);
  });
});

describe('log lines written while a request runs', () => {
  const started = apiLoggingAt('debug');

  it('carry that request’s id, and only that one', async () => {
    const api = started.process;
    const user = await createUser(api.baseUrl);
    const { token } = await createPersonalToken(api.baseUrl, user.sessionToken);
    // Not a JSON-RPC message: the MCP transport refuses it, and the service logs that (at debug).
    const refuse = (requestId: string) =>
      request(api.baseUrl)
        .post('/api/mcp')
        .set('Authorization', `Bearer ${token}`)
        .set('Accept', 'application/json, text/event-stream')
        .set('X-Request-Id', requestId)
        .send({ hello: 'world' })
        .expect(400);
    await Promise.all([refuse('mcp-refusal-1'), refuse('mcp-refusal-2')]);
    const refusals = () =>
      api
        .output()
        .split('\n')
        .filter((line) => line.includes('"MCP request refused"'))
        .map((line) => JSON.parse(line) as { requestId?: string });
    await api.waitForOutput(() => refusals().length >= 2);

    expect(
      refusals()
        .map((line) => line.requestId)
        .sort(),
    ).toEqual(['mcp-refusal-1', 'mcp-refusal-2']);
  });
});
