import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type SecurityTarget, startSecurityTarget } from '../support/security-target.js';

interface Operation {
  security?: Array<Record<string, string[]>>;
}
const document = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/** Every operation of the API's own routes that needs a credential (MCP answers with a challenge of its own). */
const protectedOperations = Object.entries(document.paths)
  .filter(([path]) => path.startsWith('/api/') && !path.startsWith('/api/auth/') && !path.startsWith('/api/mcp'))
  .flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method]?.security?.length).map(
      (method) => [method, path, path.replace(/\{\w+\}/g, SOME_ID)] as [Method, string, string],
    ),
  );
/** Routes the document opens to a session only (cookie or session token): a cookie is a credential there. */
const sessionOnly = (path: string) =>
  Object.values(document.paths[path]).some((operation) =>
    operation.security?.every((requirement) => 'sessionCookie' in requirement || 'sessionToken' in requirement),
  );

describe('a request without any credential is refused before it reaches the app, with the guard’s own answer', () => {
  let api: SecurityTarget;
  beforeAll(async () => {
    api = await startSecurityTarget();
  });
  afterAll(() => api.stop());

  const call = (method: Method, url: string) => {
    const pending = request(api.baseUrl)[method](url);
    return method === 'get' || method === 'delete' ? pending : pending.send({ title: 'Anonymous' });
  };
  /** What a client can tell apart: status, body and every header but the per-response ones. */
  const answerOf = (response: request.Response) => ({
    status: response.status,
    body: response.body as unknown,
    headers: Object.fromEntries(
      Object.entries(response.headers).filter(([name]) => !['date', 'x-request-id', 'connection'].includes(name)),
    ),
  });

  it('covers every protected route of the document', () => {
    expect(protectedOperations.length).toBeGreaterThanOrEqual(19);
  });

  it.each(protectedOperations)('%s %s: 401 problem+json with the bare realm challenge', async (method, _path, url) => {
    const response = await call(method, url);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="taskvault"');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'An access token is required.',
    });
  });

  // An unrelated cookie does not count as a token, so these requests pass the early refusal and
  // are refused by JwtAuthGuard through Nest's exception filter: both answers must be the same.
  it.each(protectedOperations.filter(([, path]) => !sessionOnly(path)))(
    '%s %s: the early answer is the one JwtAuthGuard gives',
    async (method, _path, url) => {
      const early = await call(method, url);
      const fromGuard = await call(method, url).set('Cookie', 'unrelated=1');
      expect(answerOf(early)).toEqual(answerOf(fromGuard));
    },
  );

  it('still answers a malformed body with 400 first, as before', async () => {
    const response = await request(api.baseUrl)
      .post('/api/tasks')
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect(response.status).toBe(400);
  });
});
