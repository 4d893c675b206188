import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
  UnauthorizedException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, defer, mergeAll, mergeMap, type Observable, of } from 'rxjs';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';
import { IDEMPOTENCY_REPLAYED_HEADER, idempotencyKeyOf } from './idempotency-key.js';
import type { IdempotentRequest } from './idempotency.repository.js';
import { IdempotencyService } from './idempotency.service.js';
import { requestFingerprint } from './request-fingerprint.js';

/** The answer's headers that belong to it and come back with a replay (the rest are per response). */
const KEPT_HEADERS = ['location', 'content-location', 'etag', 'last-modified'];

/**
 * Idempotency-Key on the routes it is applied to (see @Idempotent). It runs after the guards, so
 * the user is the token's, and before validation, so a 400 releases the key like any other error.
 * Without the header it reads one header and does nothing else: no query, no allocation.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    return defer(() => this.idempotently(request, http.getResponse<FastifyReply>(), header, next)).pipe(mergeAll());
  }

  private async idempotently(
    request: FastifyRequest & { user?: AuthenticatedUser },
    reply: FastifyReply,
    header: string | string[],
    next: CallHandler,
  ): Promise<Observable<unknown>> {
    const key = idempotencyKeyOf(header, request.raw.rawHeaders);
    // The guards ran first; a route without a user is not one this may guard.
    if (!request.user) throw new UnauthorizedException();
    const keyed: IdempotentRequest = {
      userId: request.user.id,
      key,
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      fingerprint: requestFingerprint(request.body),
    };
    const begun = await this.idempotency.begin(keyed);
    if (begun.kind === 'replay') {
      const { status, headers, body } = begun.response;
      void reply.status(status).headers(headers).header(IDEMPOTENCY_REPLAYED_HEADER, 'true');
      return of(JSON.parse(body) as unknown);
    }
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        await this.idempotency.release(keyed, begun.claimId).catch((releaseError: unknown) => {
          // The claim then lapses by itself after IN_FLIGHT_SECONDS.
          this.logger.warn({ err: releaseError }, 'could not release an idempotency key after an error');
        });
        throw error;
      }),
      mergeMap(async (body: unknown) => {
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        await this.idempotency
          .complete(keyed, begun.claimId, { status: reply.statusCode, headers, body: JSON.stringify(body) ?? 'null' })
          .catch((completeError: unknown) => {
            // The task exists: answer it. A retry meets 409 until the claim lapses, then runs again.
            this.logger.error({ err: completeError }, 'could not store an idempotent answer');
          });
        return body;
      }),
    );
  }
}
