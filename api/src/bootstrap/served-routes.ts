import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const served = new WeakMap<object, Set<string>>();

/** Records every route Fastify registers ("GET /api/tasks/{id}"), so tests can compare with the OpenAPI document. */
export function recordRoutes(app: NestFastifyApplication): void {
  const routes = new Set<string>();
  served.set(app, routes);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of ([] as string[]).concat(route.method)) {
        routes.add(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
      }
    });
}

export function servedRoutes(app: NestFastifyApplication): string[] {
  return [...(served.get(app) ?? [])];
}
