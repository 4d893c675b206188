import { RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { VERIFICATION_TOKEN_HEADER } from '../auth/auth-input-limits.js';
import { QuietNestLogger } from '../common/logging/quiet-nest-logger.js';
import { AppConfig } from '../config/app-config.service.js';
import { REQUEST_ID_HEADER } from '../common/logging/logging.module.js';
import { ProblemDetailsFilter } from '../common/problem-details/problem-details.filter.js';
import { registerCors } from './cors.js';
import { securityHeaders } from './security-headers.js';
import { VALIDATION_OPTIONS } from '../common/validation/validation-options.js';

export const API_PREFIX = 'api';
const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Everything HTTP-level that every route shares: security headers, CORS, no-store, validation
 * and errors. JSON bodies are parsed by Fastify itself (100 KiB limit, 413 past it).
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(QuietNestLogger));
  // RFC 8414 / RFC 9728 discovery documents live at the origin's root, outside /api.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: '.well-known/oauth-authorization-server', method: RequestMethod.GET },
      { path: '.well-known/oauth-protected-resource', method: RequestMethod.GET },
    ],
  });

  const headers = securityHeaders({
    frameguard: { action: 'deny' },
    hsts: config.hstsEnabled ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    // The web app and the explorer (Swagger UI) load their scripts and styles from this origin only.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind https: on a plain-http origin (localhost) it would send the web app's own
        // scripts to an https port that does not exist.
        upgradeInsecureRequests: config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
  });

  const allowedOrigins = new Set(config.webOrigins);
  const corsOptions = {
    origin: true,
    credentials: true,
    methods: API_METHODS,
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'X-Request-Id',
      'If-Match',
      'If-None-Match',
      'Idempotency-Key',
      VERIFICATION_TOKEN_HEADER,
    ],
    exposedHeaders: [
      'ETag',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Set-Auth-Token',
      'X-Request-Id',
      'WWW-Authenticate',
      'Idempotency-Replayed',
    ],
    maxAge: 600,
  };
  // Exact matches only; any other origin gets no CORS header at all (not even credentials).
  await registerCors(app.getHttpAdapter().getInstance(), {
    delegator: (request: FastifyRequest, callback: (error: Error | null, options: object) => void) =>
      callback(null, allowedOrigins.has(request.headers.origin ?? '') ? corsOptions : { origin: false }),
  });

  // A synchronous hook: an async one costs a promise per request.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.headers(headers);
      void reply.header(REQUEST_ID_HEADER, request.id);
      // Responses under /api carry user data or tokens: no cache may keep them.
      if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs'))
        void reply.header('cache-control', 'no-store');
      done();
    });

  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
  app.useGlobalFilters(new ProblemDetailsFilter());
}
