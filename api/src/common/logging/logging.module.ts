import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { QuietNestLogger } from './quiet-nest-logger.js';
import { requestIdOfCurrentRequest } from './request-context.js';
import { AppConfig } from '../../config/app-config.service.js';

/**
 * Paths pino must censor wherever they appear in a log object: credentials that code might pass
 * in a body-like object. Request lines need none: request-log.ts builds them from allow-lists
 * (loggableHeaders writes credential headers as [redacted]) and skips these paths.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.*.password',
  '*.*.token',
];

/** The request headers an operator may read in a request line: none of them carries a credential. */
const LOGGED_HEADERS = ['host', 'user-agent', 'accept', 'content-type', 'content-length', 'origin', 'x-forwarded-for'];
/**
 * Headers that carry credentials (or, for the referer, a mailed link's token): the line says they
 * were sent, never what they held.
 */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'set-auth-token', 'referer'];
const REDACTED = '[redacted]';

/** The loggable part of a request's headers, built field by field (an allow-list, not a filter). */
export function loggableHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const logged: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (headers[name] !== undefined) logged[name] = headers[name];
  for (const name of CREDENTIAL_HEADERS) if (headers[name] !== undefined) logged[name] = REDACTED;
  return logged;
}

const RESET_LINK_TOKEN = /(\/reset-password\/)[^/]+/;

/**
 * Better Auth's mailed reset link carries its token in the path: logged as [redacted]. Runs for
 * every request line: no array from split, and the pattern only where it can match.
 */
export function loggablePath(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  return path.includes('/reset-password/') ? path.replace(RESET_LINK_TOKEN, '$1[redacted]') : path;
}

export const REQUEST_ID_HEADER = 'x-request-id';
const acceptableRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request's id (Fastify's genReqId; pino-http then reuses it): the caller's X-Request-Id when
 * it is harmless, so traces join up across services, else a new UUID.
 */
export function requestIdFor(req: IncomingMessage): string {
  const offered = req.headers[REQUEST_ID_HEADER];
  return typeof offered === 'string' && acceptableRequestId.test(offered) ? offered : randomUUID();
}

/** Whether the level lets request lines (info) through. */
export function requestLinesEnabled(logLevel: string): boolean {
  return !['fatal', 'error', 'warn', 'silent'].includes(logLevel);
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const options: PinoHttpOptions = {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: REDACTED },
          mixin: requestIdOfCurrentRequest,
          // A person at a terminal reads lines; anything else (files, collectors) gets JSON.
          transport: process.stdout.isTTY
            ? {
                target: 'pino-pretty',
                options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req.headers' },
              }
            : undefined,
        };
        return {
          // The application's logger only: request lines come from request-log.ts, not from
          // pino-http's middleware, which nestjs-pino would otherwise mount on every route.
          forRoutes: [],
          // Asynchronous stdout: under load one write carries many lines instead of a write()
          // per line, off the request's path. Pino flushes it on exit.
          pinoHttp: process.stdout.isTTY ? options : [options, pino.destination({ dest: 1, sync: false })],
        };
      },
    }),
  ],
  providers: [QuietNestLogger],
  exports: [QuietNestLogger],
})
export class LoggingModule {}
