import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.service.js';
import { RateLimiterFactory } from '../../common/rate-limit/rate-limiter.factory.js';
import { isLimitReached, rateLimitHeaders, retryAfterSeconds } from '../../common/rate-limit/retry-after.js';
import type { OwnShapeException } from '../../common/problem-details/problem-details.filter.js';
import { BETTER_AUTH } from '../auth.constants.js';
import type { BetterAuth } from '../better-auth.factory.js';
import { TwoFactorChallenges } from '../two-factor/two-factor-challenge.js';
import { whenSignInAnswered } from './sign-in-answer.js';

const SIGN_IN_PATH = '/api/auth/sign-in/email';
const SIGN_UP_PATH = '/api/auth/sign-up/email';
/** The sign-in second step: each code tried counts like a password tried. */
const TWO_FACTOR_VERIFY_PATHS = new Set([
  '/api/auth/two-factor/verify-totp',
  '/api/auth/two-factor/verify-backup-code',
]);
/**
 * Passkey sign-in: counted with the sign-in limits per client IP. No account is named before the
 * signature is checked, and no secret can be guessed (a signature is not brute-forced), so the
 * per-account failure count is neither consulted nor cleared: a passkey still signs its owner in
 * while someone guesses the password.
 */
const PASSKEY_SIGN_IN_PATH = '/api/auth/passkey/verify-authentication';
/** Routes that send mail to the address in the body: limited per IP and per address (mail bombing). */
const MAIL_SENDING_PATHS = new Set(['/api/auth/request-password-reset', '/api/auth/send-verification-email']);

/** A 429 in Better Auth's own error shape, as the auth routes answer. */
export class AuthTooManyRequestsException extends HttpException implements OwnShapeException {
  readonly ownShape: OwnShapeException['ownShape'];

  constructor(readonly headers: Record<string, string>) {
    const body = {
      code: 'TOO_MANY_REQUESTS',
      message: `Too many requests. Try again in ${headers['Retry-After']} seconds.`,
    };
    super(body, HttpStatus.TOO_MANY_REQUESTS);
    this.ownShape = { status: HttpStatus.TOO_MANY_REQUESTS, body };
  }
}

/**
 * Limits on Better Auth's routes, counted in the store every instance shares:
 * - every auth route: per client IP;
 * - sign-in: per client IP, and per account (email): each attempt takes a point up front, a
 *   successful one clears the account's count, so only failures accumulate and a burst of
 *   parallel guesses cannot slip past the check;
 * - the two-factor second step (a TOTP or backup code): the same sign-in counters, the account
 *   named by the step's signed cookie; a password step answered "second factor required" does
 *   not clear the account's count, only a finished sign-in does;
 * - passkey sign-in: the sign-in limit per client IP;
 * - sign-up: per client IP;
 * - password-reset and verification-mail requests: per client IP and per address.
 * The client IP is Fastify's request.ip, which reads X-Forwarded-For only when TRUST_PROXY allows.
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  private readonly logger = new Logger(AuthRateLimitGuard.name);
  private readonly anyAuthRoutePerIp: RateLimiterAbstract;
  private readonly signInPerIp: RateLimiterAbstract;
  private readonly signInFailuresPerAccount: RateLimiterAbstract;
  private readonly signUpPerIp: RateLimiterAbstract;
  private readonly accountMailPerIp: RateLimiterAbstract;
  private readonly accountMailPerAddress: RateLimiterAbstract;

  private readonly twoFactorChallenges: TwoFactorChallenges;

  constructor(config: AppConfig, limiters: RateLimiterFactory, @Inject(BETTER_AUTH) auth: BetterAuth) {
    this.twoFactorChallenges = new TwoFactorChallenges(auth, config.authSecret);
    this.anyAuthRoutePerIp = limiters.create('auth:ip', config.authPerIp);
    this.signInPerIp = limiters.create('sign-in:ip', config.signInPerIp);
    this.signInFailuresPerAccount = limiters.create('sign-in:account', config.signInFailuresPerAccount);
    this.signUpPerIp = limiters.create('sign-up:ip', config.signUpPerIp);
    this.accountMailPerIp = limiters.create('account-mail:ip', config.accountMailPerIp);
    this.accountMailPerAddress = limiters.create('account-mail:address', config.accountMailPerAddress);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const ip = request.ip;
    const path = request.url.split('?')[0];
    const isPost = request.method === 'POST';

    const checks: Array<[RateLimiterAbstract, string]> = [[this.anyAuthRoutePerIp, ip]];
    const isSecondStep = isPost && TWO_FACTOR_VERIFY_PATHS.has(path);
    const account =
      isPost && path === SIGN_IN_PATH
        ? accountKey(request.body)
        : isSecondStep
          ? await this.twoFactorChallenges.accountOf(request.headers.cookie).catch((error: unknown) => {
              this.logger.error({ err: error }, 'two-factor challenge lookup failed; per-IP limits only');
              return undefined;
            })
          : undefined;
    if ((isPost && (path === SIGN_IN_PATH || path === PASSKEY_SIGN_IN_PATH)) || isSecondStep) {
      checks.push([this.signInPerIp, ip]);
      if (account) checks.push([this.signInFailuresPerAccount, account]);
    }
    if (isPost && path === SIGN_UP_PATH) checks.push([this.signUpPerIp, ip]);
    if (isPost && MAIL_SENDING_PATHS.has(path)) {
      // Counted whether or not the address has an account, so a 429 tells nothing about it.
      checks.push([this.accountMailPerIp, ip]);
      const address = accountKey(request.body);
      if (address) checks.push([this.accountMailPerAddress, `${path}:${address}`]);
    }

    // All counted at once (one round trip, not one per limit). A request refused by one limit
    // gives back the points it took from the limits after it, so the counts end as if they had
    // been checked one by one and stopped at the refusal: an address refused per IP cannot go on
    // adding to an account's failure count.
    const outcomes = await Promise.all(checks.map(([limiter, key]) => this.consume(limiter, key)));
    const refusedAt = outcomes.findIndex((outcome) => outcome?.refused);
    if (refusedAt >= 0) {
      await Promise.all(
        checks
          .slice(refusedAt + 1)
          .map(([limiter, key], i) =>
            outcomes[refusedAt + 1 + i] ? limiter.reward(key, 1).catch(() => undefined) : undefined,
          ),
      );
      const [limiter] = checks[refusedAt];
      const { result } = outcomes[refusedAt]!;
      throw new AuthTooManyRequestsException({
        ...rateLimitHeaders(limiter.points, result),
        'Retry-After': String(retryAfterSeconds(result)),
      });
    }
    let tightest: { limit: number; result: RateLimiterRes } | undefined;
    outcomes.forEach((outcome, i) => {
      if (outcome && (!tightest || outcome.result.remainingPoints < tightest.result.remainingPoints)) {
        tightest = { limit: checks[i][0].points, result: outcome.result };
      }
    });
    if (tightest) void reply.headers(rateLimitHeaders(tightest.limit, tightest.result));
    if (account) {
      whenSignInAnswered(request, async (answer) => {
        // Only a session ends the count: the bearer plugin names it in Set-Auth-Token, which a
        // password step answered "second factor required" does not carry.
        if (answer.ok && answer.headers.get('set-auth-token')) {
          await this.signInFailuresPerAccount.delete(account).catch(() => undefined);
        }
      });
    }
    return true;
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
