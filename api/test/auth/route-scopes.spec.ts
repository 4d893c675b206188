import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC } from '../../src/common/access/public.decorator.js';
import { REQUIRED_SCOPE, REQUIRES_SESSION } from '../../src/auth/scopes/access.decorators.js';
import { SCOPES } from '../../src/auth/scopes/scopes.js';
import { BetterAuthController } from '../../src/auth/better-auth.controller.js';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document.js';
import { TASK_TOOLS } from '../../src/mcp/task-tools.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Handler {
  route: string;
  access: { public?: boolean; session?: boolean; scope?: string | string[] };
}

/** Every route handler of every controller in the running app, with what guards it. */
function everyHandler(app: TestApp['app']): Handler[] {
  const handlers: Handler[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || controller === BetterAuthController) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const method = prototype[name];
        if (name === 'constructor' || typeof method !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, method) === undefined) continue;
        const read = (key: string) => Reflect.getMetadata(key, method) ?? Reflect.getMetadata(key, controller);
        handlers.push({
          route: `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, method) as number]} ${String(Reflect.getMetadata(PATH_METADATA, controller))}/${String(Reflect.getMetadata(PATH_METADATA, method))} (${controller.name}.${name})`,
          access: { public: read(IS_PUBLIC), session: read(REQUIRES_SESSION), scope: read(REQUIRED_SCOPE) },
        });
      }
    }
  }
  return handlers;
}

describe('every route declares who may call it', () => {
  let api: TestApp;
  let document: OpenAPIObject;
  beforeAll(async () => {
    api = await startTestApp();
    document = await buildOpenApiDocument(api.app);
  });
  afterAll(() => api.close());

  it('finds the routes (the enumeration itself works)', () => {
    const routes = everyHandler(api.app).map((handler) => handler.route);
    expect(routes.length).toBeGreaterThanOrEqual(18);
    expect(routes.some((route) => route.includes('TasksController.createTask'))).toBe(true);
    expect(routes.some((route) => route.includes('PersonalTokensController.createPersonalToken'))).toBe(true);
  });

  it('gives each non-public route known scopes (one, or the webhooks pair), or marks it session-only', () => {
    const known = (scope: string | string[] | undefined) =>
      (Array.isArray(scope) ? scope : [scope ?? '']).every((item) => (SCOPES as readonly string[]).includes(item));
    const undeclared = everyHandler(api.app)
      .filter(({ access }) => !access.public)
      .filter(({ access }) => (access.session ? access.scope !== undefined : !known(access.scope)))
      .map(({ route }) => route);
    expect(undeclared).toEqual([]);
  });

  it('reads tasks and the profile with tasks:read, and changes tasks with tasks:write', () => {
    for (const { route, access } of everyHandler(api.app)) {
      if (
        access.public ||
        access.session ||
        route.includes('(McpController.') ||
        route.includes('(WebhooksController.')
      )
        continue;
      expect([route, access.scope]).toEqual([route, route.startsWith('GET ') ? 'tasks:read' : 'tasks:write']);
    }
  });

  it('manages webhooks, which receive the tasks, with tasks:read and webhooks:write together', () => {
    const routes = everyHandler(api.app).filter(({ route }) => route.includes('(WebhooksController.'));
    expect(routes.length).toBe(8);
    for (const { route, access } of routes)
      expect([route, access.scope]).toEqual([route, ['tasks:read', 'webhooks:write']]);
  });

  it('opens the MCP endpoint with tasks:read, and gives each MCP tool the scope of its REST route', () => {
    const mcpRoutes = everyHandler(api.app).filter(({ route }) => route.includes('(McpController.'));
    expect(mcpRoutes.map(({ access }) => access.scope)).toEqual(['tasks:read', 'tasks:read', 'tasks:read']);
    expect(Object.fromEntries(TASK_TOOLS.map((tool) => [tool.name, tool.scope]))).toEqual({
      list_tasks: 'tasks:read',
      create_task: 'tasks:write',
      complete_task: 'tasks:write',
      update_task: 'tasks:write',
      delete_task: 'tasks:write',
    });
  });

  it('documents each scoped operation: JWT or personal token, x-required-scopes, 401/403', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      if (path.startsWith('/api/auth') || path === '/api/health' || path.startsWith('/.well-known/')) continue;
      for (const [method, operation] of Object.entries(item as Record<string, Record<string, unknown>>)) {
        const label = `${method.toUpperCase()} ${path}`;
        const responses = operation.responses as Record<string, unknown>;
        expect([label, Object.keys(responses)]).toEqual([label, expect.arrayContaining(['401', '403'])]);
        // Session only: personal tokens, and the security activity a stolen token must not read.
        if (path.startsWith('/api/tokens') || path === '/api/users/me/security-activity') {
          expect([label, operation.security]).toEqual([label, [{ sessionCookie: [] }, { sessionToken: [] }]]);
          continue;
        }
        const scopes = operation['x-required-scopes'] as string[];
        expect([label, scopes]).toEqual([
          label,
          path.startsWith('/api/webhooks')
            ? ['tasks:read', 'webhooks:write']
            : [expect.stringMatching(/^tasks:(read|write)$/)],
        ]);
        expect([label, operation.security]).toEqual([label, [{ jwt: [] }, { personalToken: [] }, { oauth2: scopes }]]);
        expect(String(operation.description)).toContain('Needs the scope');
      }
    }
    expect(document.components?.securitySchemes?.personalToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
