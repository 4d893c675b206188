import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';
import { ReplayedAnswer } from './idempotency.exceptions.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { IdempotencyService } from './idempotency.service.js';
import { requestFingerprint } from './request-fingerprint.js';

/**
 * Idempotency-Key on the routes @Idempotent marks. A guard, after the app's own (so the user is
 * the verified token's, and another user's path is already refused) and before validation (so a
 * 400 gives the key back like any error). Without the header it reads one header and returns:
 * no query, no allocation (a Nest interceptor would wrap every such request in observables).
 * With it: the key is claimed, or the kept answer is replayed (ReplayedAnswer), or the request is
 * refused (409/422); the claim rides on the request to the onSend hook (keepIdempotentAnswers),
 * which stores the answer or gives the key back.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(private readonly idempotency: IdempotencyService) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return true;
    return this.claim(request, header);
  }

  private async claim(request: FastifyRequest & { user?: AuthenticatedUser }, header: string | string[]) {
    const key = idempotencyKeyOf(header, request.raw.rawHeaders);
    // The app's guards ran first; a route without a user is not one this may guard.
    if (!request.user) throw new UnauthorizedException();
    const keyed = {
      userId: request.user.id,
      key,
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      fingerprint: requestFingerprint(request.body),
    };
    const begun = await this.idempotency.begin(keyed);
    if (begun.kind === 'replay') throw new ReplayedAnswer(begun.response);
    request.idempotencyClaim = { request: keyed, claimId: begun.claimId };
    return true;
  }
}
