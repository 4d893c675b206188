import { decodeJwt } from 'jose';

/** The payload Better Auth puts in its email-verification tokens (signed with the secret). */
export interface VerificationTokenPayload {
  email?: string;
  updateTo?: string;
  requestType?: string;
}

/**
 * The change of address a user row update just made, when it was GET /verify-email with a
 * change-of-address token (which Better Auth has verified before updating the row); otherwise undefined.
 */
export function confirmedEmailChange(
  currentEmail: string,
  path: string | undefined,
  token: unknown,
): { from: string; to: string } | undefined {
  if (path !== '/verify-email' || typeof token !== 'string') return undefined;
  const payload = decodeJwt<VerificationTokenPayload>(token);
  if (payload.email && payload.updateTo && payload.updateTo === currentEmail && payload.email !== currentEmail) {
    return { from: payload.email, to: currentEmail };
  }
  return undefined;
}
