import type { RateLimiterRes } from 'rate-limiter-flexible';

/** Whole seconds until the limiter lets the caller in again, never less than 1 (RFC 9110 Retry-After). */
export function retryAfterSeconds(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}

/** rate-limiter-flexible rejects with a RateLimiterRes when the limit is hit, with an Error when its store fails. */
export function isLimitReached(rejection: unknown): rejection is RateLimiterRes {
  return (
    typeof rejection === 'object' && rejection !== null && 'msBeforeNext' in rejection && !(rejection instanceof Error)
  );
}

/** The RateLimit-* fields (IETF draft "RateLimit header fields for HTTP") for one limiter's answer. */
export function rateLimitHeaders(limit: number, result: RateLimiterRes): Record<string, string> {
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, result.remainingPoints)),
    'RateLimit-Reset': String(Math.max(0, Math.ceil(result.msBeforeNext / 1000))),
  };
}
