import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { QuietNestLogger } from './quiet-nest-logger.js';
import { AppConfig } from '../../config/app-config.service.js';

/**
 * Paths pino must censor wherever they appear in a log object: credentials that code might pass
 * in a body-like object (these wildcard paths still run over every line). Request headers need no
 * path here: the request serializer below copies only LOGGED_HEADERS and writes credential
 * headers as [redacted], so pino no longer clones and rewrites each request's headers.
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

/** Better Auth's mailed reset link carries its token in the path: logged as [redacted]. */
export function loggablePath(url: string): string {
  return url.split('?')[0].replace(/(\/reset-password\/)[^/]+/, '$1[redacted]');
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const options: PinoHttpOptions = {
          level: config.logLevel,
          // Above "info" the per-request line would be dropped anyway: skip building it.
          autoLogging: ['fatal', 'error', 'warn', 'silent'].includes(config.logLevel) ? false : true,
          // The request id as its own binding, made once per request: `customProps` made it twice
          // more (a child logger at the start, a stringified comparison at the end). Logs written
          // while a request runs carry the request id; the request line carries `req` as well.
          quietReqLogger: true,
          customAttributeKeys: { reqId: 'requestId' },
          redact: { paths: REDACTED_PATHS, censor: REDACTED },
          // Ours see the raw request and response: pino-std-serializers' wrappers would first copy
          // each into an object of every field (the response's headers included) that ours then drop.
          wrapSerializers: false,
          // Only what an operator needs: no query string (search text, mailed tokens), no body, no link token.
          serializers: {
            // Nest's middleware sees the URL below its mount point in `url`; the whole one is `originalUrl`.
            req: (req: { method: string; url: string; originalUrl?: string; headers: Record<string, unknown> }) => ({
              method: req.method,
              path: loggablePath(req.originalUrl ?? req.url),
              headers: loggableHeaders(req.headers),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
          // A person at a terminal reads lines; anything else (files, collectors) gets JSON.
          transport: process.stdout.isTTY
            ? {
                target: 'pino-pretty',
                options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req.headers' },
              }
            : undefined,
        };
        // Asynchronous stdout: under load one write can carry many lines instead of a write() per
        // request, off the request's path. Pino flushes it on exit. (Its gain is not yet measured
        // on a quiet machine; the profiles' writev is mostly the HTTP responses themselves.)
        return {
          pinoHttp: process.stdout.isTTY ? options : [options, pino.destination({ dest: 1, sync: false })],
        };
      },
    }),
  ],
  providers: [QuietNestLogger],
  exports: [QuietNestLogger],
})
export class LoggingModule {}
