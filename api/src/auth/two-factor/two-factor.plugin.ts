import { twoFactor } from 'better-auth/plugins';

/** The issuer an authenticator app shows beside the account (the `issuer` of the otpauth URI). */
export const TOTP_ISSUER = 'Taskvault';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const BACKUP_CODE_COUNT = 10;
/** Better Auth's backup codes: ten letters and digits, shown as two groups of five (`AbC12-dEf34`). */
export const BACKUP_CODE_PATTERN = '^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$';
/** How long the second step may wait after the password step (the signed `two_factor` cookie). */
export const TWO_FACTOR_CHALLENGE_SECONDS = 600;

/**
 * The plugin's one-time codes by mail or SMS: Taskvault sends no such codes (no `sendOTP`), so
 * the routes are turned off rather than left answering "not configured".
 */
export const TWO_FACTOR_DISABLED_PATHS = ['/two-factor/send-otp', '/two-factor/verify-otp'];

/**
 * Better Auth's two-factor plugin does the protocol: TOTP (RFC 6238) secrets and backup codes
 * stored encrypted with BETTER_AUTH_SECRET, the sign-in second step (the password step's session
 * is deleted and a signed, 10-minute `two_factor` cookie names the challenge, five tries each),
 * and its own per-account lockout (ten failures in a row lock the second step for 15 minutes).
 * Its rate limit is not used (Better Auth's limiter is off): AuthRateLimitGuard counts the
 * second step with the sign-in limits.
 */
export function twoFactorPlugin() {
  return twoFactor({
    issuer: TOTP_ISSUER,
    twoFactorCookieMaxAge: TWO_FACTOR_CHALLENGE_SECONDS,
    totpOptions: { digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS },
    backupCodeOptions: { amount: BACKUP_CODE_COUNT, length: 10, storeBackupCodes: 'encrypted' },
    accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 900 },
  });
}
