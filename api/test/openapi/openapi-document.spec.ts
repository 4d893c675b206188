import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document.js';
import { openApiJson } from '../../src/common/openapi/openapi-json.js';
import { servedRoutes } from '../../src/bootstrap/served-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COMMITTED = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Every route of the API, as "METHOD /openapi/{style}" strings; the explorer, HEAD twins and the
 * web app's files (served outside /api) aside.
 */
function servedApiRoutes(app: TestApp['app']): string[] {
  return servedRoutes(app).filter((route) => {
    const [method, path] = route.split(' ');
    return (
      HTTP_METHODS.includes(method.toLowerCase()) &&
      path.startsWith('/api/') &&
      !path.startsWith('/api/docs') &&
      !path.startsWith('/api/auth/')
    );
  });
}

function documentedRoutes(document: OpenAPIObject): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => HTTP_METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  let api: TestApp;
  let document: OpenAPIObject;
  beforeAll(async () => {
    api = await startTestApp();
    document = await buildOpenApiDocument(api.app);
  });
  afterAll(() => api.close());

  it('is OpenAPI 3 with a bearer JWT security scheme', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components?.securitySchemes?.jwt).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('documents every route the app serves', () => {
    const documented = new Set(documentedRoutes(document));
    const undocumented = servedApiRoutes(api.app).filter((route) => !documented.has(route));
    expect(undocumented).toEqual([]);
  });

  it('includes the contract’s auth routes', () => {
    const documented = documentedRoutes(document);
    for (const route of [
      'POST /api/auth/sign-up/email',
      'POST /api/auth/sign-in/email',
      'POST /api/auth/sign-out',
      'GET /api/auth/get-session',
      'GET /api/auth/token',
      'GET /api/auth/jwks',
    ]) {
      expect(documented).toContain(route);
    }
  });

  it('asks no credentials of sign-up, sign-in and the JWKS, and a session (cookie or token) of the session routes', () => {
    const operation = (method: string, path: string) =>
      (document.paths[path] as Record<string, { security?: Array<Record<string, string[]>> }>)[method];
    for (const [method, path] of [
      ['post', '/api/auth/sign-up/email'],
      ['post', '/api/auth/sign-in/email'],
      ['get', '/api/auth/jwks'],
      ['get', '/api/health'],
    ]) {
      // `[]` and `[{}]` both mean "anonymous access" to OpenAPI.
      expect(operation(method, path).security?.every((requirement) => Object.keys(requirement).length === 0)).toBe(
        true,
      );
    }
    const session = [{ sessionCookie: [] }, { sessionToken: [] }];
    for (const [method, path] of [
      ['get', '/api/auth/token'],
      ['post', '/api/auth/sign-out'],
      ['get', '/api/auth/list-sessions'],
      ['post', '/api/auth/revoke-session'],
      ['post', '/api/auth/change-password'],
      ['post', '/api/auth/update-user'],
    ]) {
      expect(operation(method, path).security).toEqual(session);
    }
    expect(operation('get', '/api/auth/get-session').security).toEqual([{}, ...session]);
    expect(document.components?.securitySchemes?.sessionCookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'better-auth.session_token',
    });
  });

  it('promises no 500 anywhere, and documents 401, 403 (scope) and 429 on the JWT routes', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const responses = (item as Record<string, { responses: object; security?: unknown[] }>)[method]?.responses;
        if (!responses) continue;
        expect([path, method, Object.keys(responses).filter((status) => status.startsWith('5'))]).toEqual([
          path,
          method,
          path === '/api/health' ? ['503'] : [],
        ]);
      }
    }
    expect(Object.keys(document.paths['/api/users/me'].get!.responses).sort()).toEqual(['200', '401', '403', '429']);
  });

  it('gives every operation a unique operation id', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      HTTP_METHODS.map((method) => (item as Record<string, { operationId?: string }>)[method]?.operationId).filter(
        Boolean,
      ),
    );
    expect(ids.length).toBe(documentedRoutes(document).length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('matches the committed api/openapi.json (run `npm run openapi:write` after changing the API)', async () => {
    const committed = await readFile(COMMITTED, 'utf8').catch(() => '(missing)');
    expect(committed).toBe(openApiJson(document));
  });

  it('is served at /api/docs-json, with Swagger UI at /api/docs', async () => {
    const json = await request(api.baseUrl).get('/api/docs-json').expect(200);
    expect(json.body.paths['/api/users/me']).toBeDefined();
    const ui = await request(api.baseUrl).get('/api/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
