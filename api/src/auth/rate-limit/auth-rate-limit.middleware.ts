import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.service.js';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory.js';
import { isLimitReached, retryAfterSeconds, setRateLimitHeaders } from '../../common/rate-limit/retry-after.js';
import { CLIENT_IP_HEADER } from '../better-auth.factory.js';

const SIGN_IN_PATH = '/api/auth/sign-in/email';
const SIGN_UP_PATH = '/api/auth/sign-up/email';

/**
 * Limits on Better Auth's routes, counted in the store every instance shares:
 * - every auth route: per client IP;
 * - sign-in: per client IP, and per account (email): each attempt takes a point up front, a
 *   successful one clears the account's count, so only failures accumulate and a burst of
 *   parallel guesses cannot slip past the check;
 * - sign-up: per client IP.
 * The client IP is Express's req.ip, which reads X-Forwarded-For only when TRUST_PROXY allows.
 */
@Injectable()
export class AuthRateLimitMiddleware implements NestMiddleware {
  private readonly logger = new Logger(AuthRateLimitMiddleware.name);
  private readonly anyAuthRoutePerIp: RateLimiterAbstract;
  private readonly signInPerIp: RateLimiterAbstract;
  private readonly signInFailuresPerAccount: RateLimiterAbstract;
  private readonly signUpPerIp: RateLimiterAbstract;

  constructor(config: AppConfig, limiters: RateLimiterFactory) {
    this.anyAuthRoutePerIp = limiters.create('auth:ip', config.authPerIp);
    this.signInPerIp = limiters.create('sign-in:ip', config.signInPerIp);
    this.signInFailuresPerAccount = limiters.create('sign-in:account', config.signInFailuresPerAccount);
    this.signUpPerIp = limiters.create('sign-up:ip', config.signUpPerIp);
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    // Better Auth records the session's IP from this header: it must be ours, not the client's.
    req.headers[CLIENT_IP_HEADER] = ip;
    const path = req.originalUrl.split('?')[0];
    const isPost = req.method === 'POST';

    const checks: Array<[RateLimiterAbstract, string]> = [[this.anyAuthRoutePerIp, ip]];
    const account = isPost && path === SIGN_IN_PATH ? accountKey(req.body) : undefined;
    if (isPost && path === SIGN_IN_PATH) {
      checks.push([this.signInPerIp, ip]);
      if (account) checks.push([this.signInFailuresPerAccount, account]);
    }
    if (isPost && path === SIGN_UP_PATH) checks.push([this.signUpPerIp, ip]);

    let tightest: { limit: number; result: RateLimiterRes } | undefined;
    for (const [limiter, key] of checks) {
      const outcome = await this.consume(limiter, key);
      if (outcome?.refused) return tooManyRequests(res, limiter.points, outcome.result);
      if (outcome && (!tightest || outcome.result.remainingPoints < tightest.result.remainingPoints)) {
        tightest = { limit: limiter.points, result: outcome.result };
      }
    }
    if (tightest) setRateLimitHeaders(res, tightest.limit, tightest.result);
    if (account) {
      res.once('finish', () => {
        if (res.statusCode >= 200 && res.statusCode < 300) {
          this.signInFailuresPerAccount.delete(account).catch(() => undefined);
        }
      });
    }
    next();
  }

  /** The limiter's answer; undefined when its store failed (the request is then let through). */
  private async consume(
    limiter: RateLimiterAbstract,
    key: string,
  ): Promise<{ refused: boolean; result: RateLimiterRes } | undefined> {
    try {
      return { refused: false, result: await limiter.consume(key) };
    } catch (rejection) {
      if (isLimitReached(rejection)) return { refused: true, result: rejection };
      this.logger.error({ err: rejection }, 'rate limit store failed; request let through');
      return undefined;
    }
  }
}

function accountKey(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string' || email.length === 0 || email.length > 254) return undefined;
  return email.trim().toLowerCase();
}

function tooManyRequests(res: Response, limit: number, result: RateLimiterRes): void {
  const seconds = retryAfterSeconds(result);
  setRateLimitHeaders(res, limit, result);
  res
    .status(429)
    .setHeader('Retry-After', String(seconds))
    .json({ code: 'TOO_MANY_REQUESTS', message: `Too many requests. Try again in ${seconds} seconds.` });
}
