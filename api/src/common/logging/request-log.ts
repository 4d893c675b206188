import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { loggableHeaders, loggablePath } from './logging.module.js';
import { runWithRequestId } from './request-context.js';

/**
 * One line per answered request, written by Fastify once the answer has gone (onResponse), in
 * the shape pino-http wrote it: `requestId`, `req` (method, path, allow-listed headers), `res`
 * (status), `responseTime` in ms, "request completed".
 *
 * Why not pino-http's middleware: it built a child logger for every request and ran pino's
 * wildcard redaction over every line, about a tenth of a listed page's CPU (bench/results). The
 * line is made here from allow-lists only (loggableHeaders, loggablePath: no query string, no
 * credential, no body), so it is written by a child of the application's logger with the
 * redaction paths switched off; every other log keeps them.
 *
 * Logs written while a request runs still carry its id: the rest of the request runs with its id
 * in request-context.ts, entered after the body is read so that POST handlers keep it too, and
 * the root logger's mixin adds it to each line written meanwhile.
 */
export function logRequests(app: NestFastifyApplication, options: { enabled: boolean }): void {
  // pino-http's root has serializers for `req` and `res` (for raw objects): ours are made already.
  const lines = PinoLogger.root.child({}, { redact: [], serializers: { req: asBuilt, res: asBuilt } });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preHandler', (request, _reply, done) => {
    runWithRequestId(request.id, done);
  });
  if (!options.enabled) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    writeRequestLine(lines, request, reply);
    done();
  });
}

const asBuilt = (value: unknown) => value;

function writeRequestLine(lines: PinoLogger['logger'], request: FastifyRequest, reply: FastifyReply): void {
  const line = {
    requestId: request.id,
    req: { method: request.method, path: loggablePath(request.url), headers: loggableHeaders(request.headers) },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
  };
  if (reply.statusCode >= 500) lines.error(line, 'request completed');
  else lines.info(line, 'request completed');
}
