import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { IdempotentRequest } from './idempotency.repository.js';
import { IdempotencyService } from './idempotency.service.js';

/** A key this request holds (set by IdempotencyGuard), until its answer is sent. */
export interface IdempotencyClaim {
  request: IdempotentRequest;
  claimId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: IdempotencyClaim | null;
  }
}

/** The answer's headers that belong to it and come back with a replay (the rest are per response). */
const KEPT_HEADERS = ['location', 'content-location', 'etag', 'last-modified'];

/**
 * Where a claimed request's answer is kept: an onSend hook sees the final status, headers and
 * serialised body, whoever made them (the handler, the validation pipe, the exception filter). A
 * 2xx is stored as sent; anything else gives the key back. Every other response costs one
 * property read (a request decorator, so requests keep one shape) and a synchronous call.
 */
export function keepIdempotentAnswers(app: NestFastifyApplication): void {
  const idempotency = app.get(IdempotencyService);
  const logger = new Logger('IdempotencyKeeper');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('idempotencyClaim', null);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.idempotencyClaim;
    if (claim === null) return done(null, payload);
    request.idempotencyClaim = null;
    const stored =
      reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string'
        ? idempotency.complete(claim.request, claim.claimId, {
            status: reply.statusCode,
            headers: keptHeaders(reply),
            body: payload,
          })
        : idempotency.release(claim.request, claim.claimId);
    stored.then(
      () => done(null, payload),
      (error: unknown) => {
        // The answer still goes out; the claim lapses by itself after IN_FLIGHT_SECONDS.
        logger.error({ err: error }, 'could not keep or release an idempotency key');
        done(null, payload);
      },
    );
  });
}

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}
