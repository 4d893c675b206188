import { randomBytes } from 'node:crypto';
import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';

export const SECRET_PREFIX = 'whsec_';
/** `whsec_` and the base64 of 32 random bytes (43 characters and one `=`). */
export const SECRET_PATTERN = '^whsec_[A-Za-z0-9+/]{43}=$';

/** A new signing secret in the Standard Webhooks form, which its `Webhook` class reads as is. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * Secrets are stored sealed with the server secret (Better Auth's XChaCha20-Poly1305 helper, as
 * for sign-up details): the server must sign with them, so they cannot be hashed, and a copy of
 * the database alone does not let anyone forge deliveries.
 */
export function sealSecret(secret: string, serverSecret: string): Promise<string> {
  return symmetricEncrypt({ key: serverSecret, data: secret });
}

export function unsealSecret(sealed: string, serverSecret: string): Promise<string> {
  return symmetricDecrypt({ key: serverSecret, data: sealed });
}
