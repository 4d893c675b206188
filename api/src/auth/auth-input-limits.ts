import { APIError } from 'better-auth/api';
import type { AuthHookContext } from './auth-hook-context.js';

export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;

const PATHS_WITH_PROFILE_FIELDS = new Set(['/sign-up/email', '/update-user', '/sign-in/email']);

/**
 * Better Auth bounds passwords but not names or emails. A 100 KiB name would be stored and sent
 * back with every session: refuse it, in Better Auth's own error shape, before anything is written.
 */
export function checkInputLimits(ctx: AuthHookContext): void {
  if (!PATHS_WITH_PROFILE_FIELDS.has(ctx.path)) return;
  const body = (ctx.body ?? {}) as { name?: unknown; email?: unknown };
  if (typeof body.name === 'string' && [...body.name].length > NAME_MAX_LENGTH) {
    throw new APIError('BAD_REQUEST', {
      code: 'NAME_TOO_LONG',
      message: `Name must be at most ${NAME_MAX_LENGTH} characters`,
    });
  }
  if (typeof body.email === 'string' && body.email.length > EMAIL_MAX_LENGTH) {
    throw new APIError('BAD_REQUEST', {
      code: 'EMAIL_TOO_LONG',
      message: `Email must be at most ${EMAIL_MAX_LENGTH} characters`,
    });
  }
}
