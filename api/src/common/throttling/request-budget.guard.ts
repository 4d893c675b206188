import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.service.js';
import { IS_PUBLIC } from '../access/public.decorator.js';
import { withoutStack } from '../problem-details/without-stack.js';
import { RateLimiterFactory } from '../rate-limit/rate-limiter.factory.js';
import { isLimitReached, rateLimitHeaders, retryAfterSeconds } from '../rate-limit/retry-after.js';

export class TooManyRequestsException extends HttpException {
  constructor(readonly headers: Record<string, string>) {
    super(`Too many requests. Try again in ${headers['Retry-After']} seconds.`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * A request budget per user (per token for personal access tokens) on the API's own routes
 * (OWASP API4), answered with 429 and Retry-After past it, and RateLimit-* headers on every response. It runs after JwtAuthGuard, so
 * it keys by the verified user; a request that never authenticated is refused by that guard
 * first (401), which costs no database work. Public routes (health) are not counted.
 */
@Injectable()
export class RequestBudgetGuard implements CanActivate {
  private readonly logger = new Logger(RequestBudgetGuard.name);
  private readonly limiter: RateLimiterAbstract;
  private readonly limit: number;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    limiters: RateLimiterFactory,
  ) {
    this.limit = config.apiPerUser.limit;
    this.limiter = limiters.createPerRequest('api:user', config.apiPerUser);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    // Whatever the authentication guard verified; only its ids matter here.
    const request = http.getRequest<FastifyRequest & { user?: { id: string; tokenId?: string } }>();
    const reply = http.getResponse<FastifyReply>();
    // A personal token has a budget of its own, so one busy script cannot starve its user's others.
    const key = request.user?.tokenId
      ? `token:${request.user.tokenId}`
      : request.user
        ? `user:${request.user.id}`
        : `ip:${request.ip}`;
    let result: RateLimiterRes;
    try {
      result = await this.limiter.consume(key);
    } catch (rejection) {
      if (!isLimitReached(rejection)) {
        this.logger.error({ err: rejection }, 'request budget store failed; request let through');
        return true;
      }
      throw withoutStack(
        () =>
          new TooManyRequestsException({
            ...rateLimitHeaders(this.limit, rejection),
            'Retry-After': String(retryAfterSeconds(rejection)),
          }),
      );
    }
    void reply.headers(rateLimitHeaders(this.limit, result));
    return true;
  }
}
