import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Vite names every built asset after its content hash: a changed file is a new URL. */
const HASHED_ASSETS = '/assets/';
const CACHE_FOREVER = 'public, max-age=31536000, immutable';
/** The page that names the current assets must be revalidated every time, or a deploy never arrives. */
const REVALIDATE = 'no-cache';

const served = new WeakSet<object>();

export const isWebAppServed = (app: object) => served.has(app);

/** Paths that belong to the API or to protocol discovery: never answered with the web app. */
export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?') || url.startsWith('/.well-known/');
}

/**
 * Serves the built web app (web/dist) from the API's own origin: one process, one port, no CORS
 * for the browser, first-party cookies. Hashed assets are cached for a year; index.html is
 * revalidated; any other GET outside /api answers index.html so deep links and reloads work.
 * Unknown /api paths, and unknown files under /assets/, get a problem+json 404. Source maps are
 * never served.
 * Serves nothing when the web app has not been built.
 */
export async function serveWebApp(app: NestFastifyApplication, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) return;
  served.add(app);
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    // One route per built file, found at start: unknown paths fall through to the SPA route below.
    wildcard: false,
    globIgnore: ['**/*.map'],
    index: false,
    allowedPath: (path) => !path.endsWith('.map'),
    cacheControl: false,
    setHeaders: (reply, path) => {
      const fromAssets = path.startsWith(join(distDir, HASHED_ASSETS));
      void reply.header('Cache-Control', fromAssets ? CACHE_FOREVER : REVALIDATE);
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      // A hashed asset that does not exist (a stale chunk after a deploy) is a 404, not a page.
      if (isApiPath(request.url) || request.url.startsWith(HASHED_ASSETS)) return reply.callNotFound();
      return reply.header('Cache-Control', REVALIDATE).sendFile('index.html');
    });
}
