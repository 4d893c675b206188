import type { SecurityRequirementObject } from '@nestjs/swagger';
import { OAUTH_ROUTES } from '../oauth/oauth-routes.js';

/**
 * What a route needs from the caller. `second-step`: the sign-in's signed `two_factor` cookie
 * (after a password step answered "second factor required"), or a session (confirming a code).
 */
export type AuthAccess = 'public' | 'session' | 'session-or-none' | 'second-step';

export interface AuthRoute {
  access: AuthAccess;
  /** The component schema of the 200 answer, or `null` when Better Auth answers it with no body. */
  ok: string | null;
  /** Headers of the 200 answer beyond those every answer may carry. */
  okHeaders?: string[];
  /** Error statuses beyond those every auth route shares (429; and 400, 403, 413 with a body). */
  errors?: number[];
  /** Answers 302 to the callbackURL (a mailed link opened in a browser) when one is given; 200 JSON otherwise. */
  callbackRedirect?: boolean;
  /** The success status when not 200. */
  okStatus?: 201;
  /** The route answers a redirect (302 with Location), described here, instead of a JSON body. */
  redirect?: string;
  /** Refusals in RFC 6749's error shape (`OAuthError`), for routes standard OAuth clients call. */
  oauthErrors?: boolean;
  /** With `oauth_query` (an OAuth authorization's sign-in page), answers OAuthRedirectResult instead. */
  continuesOAuth?: boolean;
  /** The body may also be sent as application/x-www-form-urlencoded (OAuth clients). */
  formBody?: boolean;
}

const SESSION_SET = ['Set-Cookie', 'Set-Auth-Token'];

/**
 * Every Better Auth route Taskvault serves, keyed "METHOD /path" as Better Auth names them. The
 * document is built from this table, and fails to build when Better Auth serves a route that is
 * neither here, in NOT_DOCUMENTED_AUTH_ROUTES, nor disabled: a new route is a decision.
 */
export const AUTH_ROUTES: Record<string, AuthRoute> = {
  'POST /sign-up/email': {
    access: 'public',
    ok: 'AuthSignUpResponse',
    okHeaders: SESSION_SET,
    errors: [422],
    continuesOAuth: true,
  },
  'POST /sign-in/email': {
    access: 'public',
    ok: 'AuthSignInResponse',
    okHeaders: SESSION_SET,
    errors: [401],
    continuesOAuth: true,
  },
  'GET /jwks': { access: 'public', ok: 'AuthJsonWebKeySet' },
  'GET /get-session': {
    access: 'session-or-none',
    ok: 'AuthSessionWithUser',
    okHeaders: [...SESSION_SET, 'Set-Auth-Jwt', 'Pragma'],
  },
  'GET /token': { access: 'session', ok: 'AuthToken', okHeaders: SESSION_SET, errors: [401] },
  'POST /sign-out': { access: 'session', ok: 'AuthSignOutResponse', okHeaders: ['Set-Cookie'] },
  'GET /list-sessions': { access: 'session', ok: 'AuthSessionList', okHeaders: SESSION_SET, errors: [401] },
  'POST /revoke-session': { access: 'session', ok: 'AuthRevokeResponse', okHeaders: SESSION_SET, errors: [401] },
  'POST /revoke-sessions': { access: 'session', ok: 'AuthRevokeResponse', okHeaders: SESSION_SET, errors: [401] },
  'POST /revoke-other-sessions': {
    access: 'session',
    ok: 'AuthRevokeResponse',
    okHeaders: SESSION_SET,
    errors: [401],
  },
  'POST /change-password': {
    access: 'session',
    ok: 'AuthChangePasswordResponse',
    okHeaders: SESSION_SET,
    errors: [401],
  },
  'POST /update-user': { access: 'session', ok: 'AuthUpdateUserResponse', okHeaders: SESSION_SET, errors: [401] },
  // Account recovery and verification: public, answered the same whether or not the address has an account.
  'POST /request-password-reset': { access: 'public', ok: 'AuthPasswordResetRequested' },
  'POST /reset-password': { access: 'public', ok: 'AuthStatusResponse' },
  'POST /send-verification-email': { access: 'session-or-none', ok: 'AuthStatusResponse' },
  'GET /verify-email': {
    access: 'public',
    ok: 'AuthEmailVerified',
    okHeaders: SESSION_SET,
    errors: [400, 401],
    callbackRedirect: true,
  },
  'POST /change-email': { access: 'session', ok: 'AuthChangeEmailResponse', okHeaders: SESSION_SET, errors: [401] },
  'POST /delete-user': { access: 'session', ok: 'AuthDeleteUserResponse', okHeaders: ['Set-Cookie'], errors: [401] },
  // Two-factor sign-in (TOTP and backup codes); the plugin's mailed/SMS codes are disabled.
  'POST /two-factor/enable': {
    access: 'session',
    ok: 'AuthTwoFactorEnableResponse',
    okHeaders: SESSION_SET,
    errors: [401],
  },
  'POST /two-factor/get-totp-uri': { access: 'session', ok: 'AuthTotpUri', okHeaders: SESSION_SET, errors: [401] },
  'POST /two-factor/verify-totp': {
    access: 'second-step',
    ok: 'AuthTwoFactorVerified',
    okHeaders: SESSION_SET,
    errors: [401],
    continuesOAuth: true,
  },
  'POST /two-factor/verify-backup-code': {
    access: 'second-step',
    ok: 'AuthTwoFactorVerified',
    okHeaders: SESSION_SET,
    errors: [401, 409],
    continuesOAuth: true,
  },
  'POST /two-factor/generate-backup-codes': {
    access: 'session',
    ok: 'AuthBackupCodes',
    okHeaders: SESSION_SET,
    errors: [401],
  },
  'POST /two-factor/disable': { access: 'session', ok: 'AuthTwoFactorDisabled', okHeaders: SESSION_SET, errors: [401] },
  // Passkeys (WebAuthn). Each ceremony's challenge travels in the plugin's signed cookie.
  'GET /passkey/generate-register-options': {
    access: 'session',
    ok: 'AuthPasskeyRegistrationOptions',
    okHeaders: SESSION_SET,
    errors: [400, 401, 403],
  },
  'POST /passkey/verify-registration': { access: 'session', ok: 'AuthPasskey', okHeaders: SESSION_SET, errors: [401] },
  'GET /passkey/generate-authenticate-options': {
    access: 'session-or-none',
    ok: 'AuthPasskeyAuthenticationOptions',
    okHeaders: SESSION_SET,
  },
  'POST /passkey/verify-authentication': {
    access: 'public',
    ok: 'AuthPasskeySignedIn',
    okHeaders: SESSION_SET,
    errors: [401],
  },
  'GET /passkey/list-user-passkeys': {
    access: 'session',
    ok: 'AuthPasskeyList',
    okHeaders: SESSION_SET,
    errors: [401],
  },
  'POST /passkey/update-passkey': {
    access: 'session',
    ok: 'AuthPasskeyUpdated',
    okHeaders: SESSION_SET,
    errors: [401, 404],
  },
  'POST /passkey/delete-passkey': {
    access: 'session',
    ok: 'AuthPasskeyDeleted',
    okHeaders: SESSION_SET,
    errors: [401, 404],
  },
  // OAuth 2.1 authorization server and device grant (issue 12): classified in ../oauth/oauth-routes.ts.
  ...OAUTH_ROUTES,
};

/** Routes Better Auth lists that answer nothing useful here, and why they are left out. */
export const NOT_DOCUMENTED_AUTH_ROUTES: Record<string, string> = {
  'POST /get-session': 'answers 405 unless session.deferSessionRefresh is on; GET /get-session is the route',
};

export const SESSION_COOKIE_SCHEME = 'sessionCookie';
export const SESSION_TOKEN_SCHEME = 'sessionToken';
export const TWO_FACTOR_COOKIE_SCHEME = 'twoFactorChallenge';

const SESSION: SecurityRequirementObject[] = [{ [SESSION_COOKIE_SCHEME]: [] }, { [SESSION_TOKEN_SCHEME]: [] }];

/**
 * The security of an operation. Public reads say `security: []`. Public writes (sign-up,
 * sign-in) say `[{}]`, OpenAPI's explicit "anonymous access", because the OWASP ruleset reads
 * `[]` on a write as "security left undefined"; Prism, explorers and generated clients read both
 * as "no credentials".
 */
export function securityOf(access: AuthAccess, method: string): SecurityRequirementObject[] {
  if (access === 'session') return SESSION;
  if (access === 'session-or-none') return [{}, ...SESSION];
  if (access === 'second-step') return [{ [TWO_FACTOR_COOKIE_SCHEME]: [] }, ...SESSION];
  return method === 'get' ? [] : [{}];
}
