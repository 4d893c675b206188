import type { PasskeyOptions } from '@better-auth/passkey';
import { APIError } from 'better-auth/api';
import type { AuthHookContext } from '../auth-hook-context.js';
import { PASSKEYS_PER_USER_MAX } from './passkey-limits.js';

const REGISTRATION = '/passkey/verify-registration';
const OWNED_PASSKEY_ROUTES = new Set(['/passkey/update-passkey', '/passkey/delete-passkey']);

/**
 * The password sent with a registration, held beside its request until the plugin has checked
 * the session and the WebAuthn response (the plugin's body schema would drop the field).
 */
const registrationPasswords = new WeakMap<Request, string>();

type AfterRegistration = NonNullable<NonNullable<PasskeyOptions['registration']>['afterVerification']>;
type RegistrationContext = Parameters<AfterRegistration>[0]['ctx'];

/**
 * Adding a passkey needs the account's password, sent with the registration response.
 *
 * Why not Better Auth's fresh-session rule alone: the plugin's routes need a session created in
 * the last day (`freshAge`, which also governs list-sessions), so a session cookie or token stolen
 * within that day could add the thief's own passkey — a way back in that outlives the session, a
 * password change and "sign out everywhere". The password is what the thief lacks, as for turning
 * on two-factor or deleting the account.
 *
 * Before the plugin (the auth hook): takes the password out of the body. Returns the body the
 * plugin receives.
 */
export function holdRegistrationPassword(
  ctx: AuthHookContext,
  body: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (ctx.path !== REGISTRATION) return body;
  const { password, ...rest } = body ?? {};
  if (typeof password !== 'string' || password.length === 0 || !ctx.request) {
    throw new APIError('BAD_REQUEST', {
      code: 'PASSWORD_REQUIRED',
      message: 'Confirm the new passkey with your password',
    });
  }
  registrationPasswords.set(ctx.request, password);
  return rest;
}

/**
 * Inside the plugin, once the response is verified and before the passkey is stored: the held
 * password must be the session user's, and the account must have room for one more passkey.
 */
export async function confirmRegistration(ctx: RegistrationContext): Promise<void> {
  const password = ctx.request ? registrationPasswords.get(ctx.request) : undefined;
  const userId = ctx.context.session?.user.id;
  if (!password || !userId)
    throw new APIError('BAD_REQUEST', {
      code: 'PASSWORD_REQUIRED',
      message: 'Confirm the new passkey with your password',
    });
  const account = await ctx.context.internalAdapter.findCredentialAccount(userId);
  const valid = account?.password ? await ctx.context.password.verify({ hash: account.password, password }) : false;
  if (!valid) throw new APIError('BAD_REQUEST', { code: 'INVALID_PASSWORD', message: 'Invalid password' });
  const owned = await ctx.context.adapter.count({ model: 'passkey', where: [{ field: 'userId', value: userId }] });
  if (owned >= PASSKEYS_PER_USER_MAX) {
    throw new APIError('BAD_REQUEST', {
      code: 'TOO_MANY_PASSKEYS',
      message: `An account holds at most ${PASSKEYS_PER_USER_MAX} passkeys: remove one first`,
    });
  }
}

/**
 * After the plugin, its refusals as Taskvault answers them:
 * - registration: the plugin answers 500 for every response @simplewebauthn/server refuses (wrong
 *   origin, RP ID or challenge, a malformed attestation, a credential already registered). Those
 *   are the client's faults: 400, with the plugin's own code.
 * - renaming or removing another account's passkey: the plugin answers 401 (without a body, or
 *   "not allowed"), which tells that the id exists; answered as for a missing one (404).
 *   A missing session stays 401 `UNAUTHORIZED`.
 */
export function passkeyRefusalsAsTaskvaultAnswers(ctx: AuthHookContext): Response | undefined {
  // Better Auth's and better-call's APIError are distinct classes: judged by shape.
  const returned = ctx.context.returned as { statusCode?: number; body?: { code?: string } } | undefined;
  if (!returned?.statusCode) return undefined;
  if (ctx.path === REGISTRATION && returned.statusCode === 500) {
    return authError(400, 'FAILED_TO_VERIFY_REGISTRATION', 'Failed to verify registration');
  }
  if (OWNED_PASSKEY_ROUTES.has(ctx.path) && returned.statusCode === 401 && returned.body?.code !== 'UNAUTHORIZED') {
    return authError(404, 'PASSKEY_NOT_FOUND', 'Passkey not found');
  }
  return undefined;
}

/** An answer in Better Auth's error shape (an after hook may not change the status otherwise). */
const authError = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ code, message }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
