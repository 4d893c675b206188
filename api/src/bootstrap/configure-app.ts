import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ValidationPipe } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.service.js';
import { ProblemDetailsFilter } from '../common/problem-details/problem-details.filter.js';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';

export const API_PREFIX = 'api';
const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Everything HTTP-level that every route shares, applied in order: security headers, CORS,
 * no-store, validation and errors. JSON bodies are parsed by HttpModule's middleware.
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX);

  app.use(
    helmet({
      frameguard: { action: 'deny' },
      hsts: config.hstsEnabled ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  const corsOptions = {
    origin: true,
    credentials: true,
    methods: API_METHODS,
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: [
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Set-Auth-Token',
      'X-Request-Id',
      'WWW-Authenticate',
    ],
    maxAge: 600,
  };
  const allowedOrigins = new Set(config.webOrigins);
  // Exact matches only; any other origin gets no CORS header at all (not even credentials).
  app.enableCors((req: Request, callback: (error: Error | null, options: object) => void) =>
    callback(null, allowedOrigins.has(req.header('Origin') ?? '') ? corsOptions : { origin: false }),
  );
  app.use(`/${API_PREFIX}`, noStore);

  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: (errors) => ValidationFailedException.fromValidationErrors(errors),
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
}

/** Responses under /api carry user data or tokens: no cache, shared or private, may keep them. */
function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/docs')) res.setHeader('Cache-Control', 'no-store');
  next();
}
