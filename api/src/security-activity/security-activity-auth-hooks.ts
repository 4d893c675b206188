import { CLIENT_IP_HEADER } from '../auth/auth.constants.js';
import type { AuthHookContext } from '../auth/auth-hook-context.js';
import { confirmedEmailChange } from '../auth/email-change-confirmation.js';
import type { ActivityOrigin, SecurityActivityRecorder } from './security-activity.recorder.js';
import type { SecurityEventKind, SignInMethod } from './security-event-kinds.js';

/** Better Auth's two-factor challenge cookie (before the cookie prefix). */
const TWO_FACTOR_COOKIE = 'two_factor';
const CLIENT_ID_MAX_LENGTH = 200;

/** Routes that, when they succeed for a signed-in user, are one event of theirs. */
const SESSION_ACTIONS: Record<string, SecurityEventKind> = {
  '/change-password': 'password_changed',
  '/two-factor/generate-backup-codes': 'backup_codes_regenerated',
  // @better-auth/passkey 1.7 (added by another branch); recorded by path so nothing else is needed.
  '/passkey/verify-registration': 'passkey_added',
  '/passkey/delete-passkey': 'passkey_removed',
  '/change-email': 'email_change_requested',
  '/oauth2/delete-consent': 'oauth_app_revoked',
  '/revoke-sessions': 'signed_out_everywhere',
  '/revoke-other-sessions': 'signed_out_everywhere',
};

/** Routes that sign in when they create a session, and how. */
const SIGN_IN_ROUTES: Record<string, SignInMethod> = {
  '/sign-in/email': 'password',
  '/sign-up/email': 'password',
  '/two-factor/verify-totp': 'totp',
  '/two-factor/verify-backup-code': 'backup_code',
  '/passkey/verify-authentication': 'passkey',
  '/verify-email': 'email_link',
};

interface HeaderSource {
  headers?: Headers;
  request?: Request;
}

/** The IP BetterAuthController put in (Fastify's request.ip under TRUST_PROXY) and the User-Agent. */
export function originOf(source: HeaderSource | null | undefined, sessionId?: string | null): ActivityOrigin {
  const headers = source?.headers ?? source?.request?.headers;
  return { ip: headers?.get(CLIENT_IP_HEADER), userAgent: headers?.get('user-agent'), sessionId };
}

function failed(returned: unknown): boolean {
  const status = (returned as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400;
}

/**
 * Better Auth's after hook for the activity log: what a route did is read from its result (the
 * session it created, the session it acted for, its error), never from what the client says it
 * did. Runs before the plugins' after hooks: a password step of a two-factor account still shows
 * its (about to be deleted) session, and is not a sign-in yet.
 */
export const securityActivityAfterHook = (recorder: SecurityActivityRecorder) => async (ctx: AuthHookContext) => {
  try {
    await recordRoute(recorder, ctx);
  } catch {
    // Never fail the action being recorded (the recorder logs its own write failures).
  }
};

async function recordRoute(recorder: SecurityActivityRecorder, ctx: AuthHookContext): Promise<void> {
  const returned = ctx.context.returned;
  const method = SIGN_IN_ROUTES[ctx.path];
  if (method) {
    await recordSignInRoute(recorder, ctx, method, failed(returned));
    return;
  }
  if (failed(returned)) return;
  const session = ctx.context.session ?? ctx.context.newSession;
  if (!session) return;
  const sessionId = ctx.context.newSession?.session.id ?? session.session.id;
  const kind = SESSION_ACTIONS[ctx.path];
  if (kind) {
    recorder.record(session.user.id, kind, originOf(ctx, sessionId));
    return;
  }
  if (ctx.path === '/oauth2/consent' && (ctx.body as { accept?: unknown } | undefined)?.accept === true) {
    recorder.record(session.user.id, 'oauth_app_granted', originOf(ctx, sessionId), { clientId: consentClientId(ctx) });
  }
}

async function recordSignInRoute(
  recorder: SecurityActivityRecorder,
  ctx: AuthHookContext,
  method: SignInMethod,
  refused: boolean,
): Promise<void> {
  const secondStep = method === 'totp' || method === 'backup_code';
  // With a session, the two-factor routes confirm a code for turning two-factor on: not a sign-in.
  if (secondStep && (await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret))) return;
  if (refused) {
    if (ctx.path === '/sign-in/email') {
      const email = (ctx.body as { email?: unknown } | undefined)?.email;
      // 401 is a wrong password (or no such account: then the statement stores nothing).
      if (returnedStatus(ctx) === 401 && typeof email === 'string') recorder.recordFailedPassword(email, originOf(ctx));
    } else if (secondStep && returnedStatus(ctx) === 401) {
      const challenge = await ctx.getSignedCookie(
        ctx.context.createAuthCookie(TWO_FACTOR_COOKIE).name,
        ctx.context.secret,
      );
      if (challenge) recorder.recordFailedSecondStep(challenge, method, originOf(ctx));
    }
    return;
  }
  const created = ctx.context.newSession;
  if (!created) return;
  // A two-factor account's password step: Better Auth's hook deletes this session next.
  if (method === 'password' && (created.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled) return;
  recorder.recordSignIn(created.user.id, originOf(ctx, created.session.id), method, ctx.path === '/sign-up/email');
}

function returnedStatus(ctx: AuthHookContext): number | undefined {
  const status = (ctx.context.returned as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The app's public client id from the consent page's signed query (absent when unreadable). */
function consentClientId(ctx: AuthHookContext): string | undefined {
  const query = (ctx.body as { oauth_query?: unknown } | undefined)?.oauth_query;
  if (typeof query !== 'string') return undefined;
  const clientId = new URLSearchParams(query).get('client_id');
  return clientId ? clientId.slice(0, CLIENT_ID_MAX_LENGTH) : undefined;
}

interface UpdatedUser {
  id: string;
  email: string;
  twoFactorEnabled?: boolean | null;
}

interface UpdateContext extends HeaderSource {
  path?: string;
  query?: { token?: unknown } | null;
}

/**
 * Better Auth's `user.update.after` database hook: two-factor turned on (the code confirming the
 * new secret) or off, and a change of address confirmed from the new address.
 */
export const securityActivityUserUpdate =
  (recorder: SecurityActivityRecorder) => (user: UpdatedUser, ctx: UpdateContext | null | undefined) => {
    const path = ctx?.path;
    try {
      recordUserUpdate(recorder, user, path, ctx);
    } catch {
      // Never fail the update being recorded.
    }
  };

function recordUserUpdate(
  recorder: SecurityActivityRecorder,
  user: UpdatedUser,
  path: string | undefined,
  ctx: UpdateContext | null | undefined,
): void {
  if ((path === '/two-factor/verify-totp' || path === '/two-factor/enable') && user.twoFactorEnabled) {
    recorder.record(user.id, 'two_factor_enabled', originOf(ctx));
  } else if (path === '/two-factor/disable' && user.twoFactorEnabled === false) {
    recorder.record(user.id, 'two_factor_disabled', originOf(ctx));
  } else if (confirmedEmailChange(user.email, path, ctx?.query?.token)) {
    recorder.record(user.id, 'email_changed', originOf(ctx));
  }
}

/** Better Auth's `onPasswordReset`: the reset link was used and the password replaced. */
export const securityActivityPasswordReset =
  (recorder: SecurityActivityRecorder) => (data: { user: { id: string } }, request?: Request) =>
    recorder.record(data.user.id, 'password_reset', originOf({ request }));
