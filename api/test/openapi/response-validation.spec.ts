import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type ObservedResponse, OpenApiContract } from '../support/openapi-contract.js';
import { takeReceivedResponses, violationsOf } from '../support/response-validation.js';

const USER_ID = '0b7c8d3e-1f2a-4b5c-8d9e-0f1a2b3c4d5e';
const PROFILE = {
  id: USER_ID,
  name: 'Ada',
  email: 'ada@example.test',
  emailVerified: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  timeZone: 'UTC',
  reminderEmails: true,
};
const API_HEADERS = { 'cache-control': 'no-store', 'x-request-id': 'trace-1' };
const json = (body: unknown) => ({ 'content-type': 'application/json; charset=utf-8', body: JSON.stringify(body) });
const problem = (status: number) => ({
  'content-type': 'application/problem+json; charset=utf-8',
  body: JSON.stringify({ type: 'about:blank', title: 'Error', status, detail: 'No.' }),
});

function response(method: string, path: string, status: number, parts: Record<string, string>): ObservedResponse {
  const { body = '', ...headers } = parts;
  return { method, url: `http://127.0.0.1:3000${path}`, status, headers: { ...API_HEADERS, ...headers }, body };
}

describe('the response contract (every response a test receives is held against api/openapi.json)', () => {
  let contract: OpenApiContract;
  beforeAll(async () => {
    contract = await OpenApiContract.load();
  });

  it('accepts a response the document describes', () => {
    expect(contract.check(response('GET', '/api/users/me', 200, json(PROFILE)))).toEqual([]);
  });

  it('refuses a status the document does not list for the operation', () => {
    expect(contract.check(response('GET', '/api/users/me', 418, json(PROFILE)))).toEqual([
      expect.stringMatching(/^status 418 is not documented/),
    ]);
  });

  it('refuses a body that breaks the schema: a missing, a mistyped and an undocumented property', () => {
    const { email: _email, ...withoutEmail } = PROFILE;
    const problems = contract.check(
      response('GET', '/api/users/me', 200, json({ ...withoutEmail, emailVerified: 'no', ownerSecret: 'x' })),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'email'"),
        expect.stringContaining('body/emailVerified must be boolean'),
        expect.stringContaining('must NOT have additional properties (ownerSecret)'),
      ]),
    );
  });

  it('holds nullable fields to null or their type: get-session without a session, a user without an image', () => {
    const session = '/api/auth/get-session';
    expect(contract.check(response('GET', session, 200, json(null)))).toEqual([]);
    const { timeZone: _zone, reminderEmails: _mails, ...betterAuthFields } = PROFILE;
    const user = {
      ...betterAuthFields,
      updatedAt: PROFILE.createdAt,
      image: null,
      twoFactorEnabled: false,
    };
    const signedIn = {
      redirect: false,
      token: 'aLh1P3jYnqFi5KJ8e9D9OreWPnmALoao',
      user,
    };
    expect(contract.check(response('POST', '/api/auth/sign-in/email', 200, json(signedIn)))).toEqual([]);
    const withImage = { ...signedIn, user: { ...user, image: 42 } };
    // The answer is one of three shapes (a session, "second factor required", or where an OAuth
    // authorization continues): the validator names the failure of each.
    expect(contract.check(response('POST', '/api/auth/sign-in/email', 200, json(withImage)))).toEqual(
      expect.arrayContaining(['body/user/image must be string']),
    );
    const secondFactor = { twoFactorRedirect: true, twoFactorMethods: ['totp'] };
    expect(contract.check(response('POST', '/api/auth/sign-in/email', 200, json(secondFactor)))).toEqual([]);
    expect(
      contract.check(response('POST', '/api/auth/sign-in/email', 200, json({ ...secondFactor, token: 'x' }))),
    ).not.toEqual([]);
    const continuesOAuth = { redirect: true, url: 'http://localhost/consent' };
    expect(contract.check(response('POST', '/api/auth/sign-in/email', 200, json(continuesOAuth)))).toEqual([]);
  });

  it('refuses a media type the response does not document', () => {
    expect(
      contract.check(response('GET', '/api/users/me', 200, { 'content-type': 'text/html', body: '<p>hi</p>' })),
    ).toEqual([expect.stringContaining('answers text/html')]);
  });

  it('refuses an undocumented header, a missing required one and a header value out of its schema', () => {
    const refused = response('GET', '/api/users/me', 401, { ...problem(401), 'x-powered-by': 'Express' });
    expect(contract.check(refused)).toEqual(
      expect.arrayContaining([
        'carries the undocumented header x-powered-by',
        'lacks the required header www-authenticate',
      ]),
    );
    const limited = response('GET', '/api/users/me', 429, { ...problem(429), 'retry-after': 'soon' });
    expect(contract.check(limited)).toEqual([expect.stringContaining('header retry-after must be integer')]);
  });

  it('matches path templates, and judges the answer of the operation they name', () => {
    const path = `/api/users/${USER_ID}/tasks/${USER_ID}`;
    expect(contract.check(response('GET', path, 404, problem(404)))).toEqual([]);
    expect(contract.check(response('GET', path, 409, problem(409)))).toEqual([
      expect.stringMatching(/^status 409 is not documented/),
    ]);
  });

  it('holds a route the document does not have to a problem+json 4xx', () => {
    expect(contract.check(response('GET', '/api/no-such-route', 404, problem(404)))).toEqual([]);
    expect(contract.check(response('DELETE', '/api/health', 404, problem(404)))).toEqual([]);
    expect(contract.check(response('GET', '/api/no-such-route', 200, json({ ok: true })))).toEqual([
      'an unknown route answered 200, not a 4xx problem',
    ]);
    expect(contract.check(response('GET', '/api/auth/no-such-route', 200, json(null)))).toEqual([
      'an unknown auth route answered 200, not 404',
    ]);
  });

  it('leaves what is not the API to an explicit rule: the web app and the explorer', () => {
    const page = { 'content-type': 'text/html; charset=utf-8', body: '<!doctype html>' };
    expect(contract.check(response('GET', '/', 200, page))).toEqual([]);
    expect(contract.check(response('GET', '/tasks/board', 200, page))).toEqual([]);
    expect(contract.check(response('GET', '/api/docs', 200, page))).toEqual([]);
  });
});

describe('the response-validation hook', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    // A stand-in API that answers GET /api/users/me with a status the document does not list.
    server = createServer((_req, res) => {
      res.writeHead(418, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': 'r1' });
      res.end(JSON.stringify(PROFILE));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    [
      'supertest',
      (url: string) =>
        request(url)
          .get('/api/users/me')
          .then(() => undefined),
    ],
    ['fetch', (url: string) => fetch(`${url}/api/users/me`).then((r) => r.text().then(() => undefined))],
  ])('records each response received through %s and reports what the document does not describe', async (_, get) => {
    await get(baseUrl);
    const received = await takeReceivedResponses();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', status: 418, url: `${baseUrl}/api/users/me` });
    // Taken here, so the hook's own after-test check does not fail this test.
    expect(await violationsOf(received)).toEqual([
      expect.stringMatching(/^GET \/api\/users\/me → 418: status 418 is not documented/),
    ]);
  });
});
