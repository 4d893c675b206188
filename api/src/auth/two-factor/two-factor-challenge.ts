import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BetterAuth } from '../better-auth.factory.js';

/** Better Auth's second-step cookie (`__Secure-` prefixed over https). */
const CHALLENGE_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.two_factor=([^;]+)/;
const MAX_COOKIE_LENGTH = 512;

/**
 * The account a sign-in second step is for, read from its signed `two_factor` cookie, so that
 * wrong codes count against that account like wrong passwords do. Better Auth checks the
 * cookie itself; this only names the counter, and answers undefined for anything it cannot
 * verify (the request then meets the per-IP limits only, and Better Auth refuses it).
 */
export class TwoFactorChallenges {
  constructor(
    private readonly auth: BetterAuth,
    private readonly secret: string,
  ) {}

  async accountOf(cookieHeader: string | undefined): Promise<string | undefined> {
    const identifier = this.verifiedIdentifier(cookieHeader);
    if (!identifier) return undefined;
    const context = await this.auth.$context;
    const challenge = await context.internalAdapter.findVerificationValue(identifier);
    if (!challenge || challenge.expiresAt.getTime() <= Date.now()) return undefined;
    const user = await context.internalAdapter.findUserById(challenge.value);
    return user?.email.toLowerCase();
  }

  /** better-call's signed cookie: `value.base64(HMAC-SHA-256(secret, value))`, URL-encoded. */
  private verifiedIdentifier(cookieHeader: string | undefined): string | undefined {
    const raw = cookieHeader?.match(CHALLENGE_COOKIE)?.[1];
    if (!raw || raw.length > MAX_COOKIE_LENGTH) return undefined;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    const dot = value.lastIndexOf('.');
    if (dot < 1) return undefined;
    const identifier = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1), 'base64');
    const expected = createHmac('sha256', this.secret).update(identifier).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return identifier;
  }
}
