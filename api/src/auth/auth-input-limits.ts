import { APIError } from 'better-auth/api';
import { isPrintableText, isSafeText } from '../common/validation/safe-text.decorator.js';
import type { AuthHookContext } from './auth-hook-context.js';
import { BACKUP_CODE_PATTERN, TOTP_DIGITS } from './two-factor/two-factor.plugin.js';
import {
  OAUTH_BODY_FIELDS,
  OAUTH_PROTOCOL_PATHS,
  OAUTH_REFUSED_FIELDS,
  OAUTH_SIGN_IN_FIELDS,
  type OAuthField,
} from './oauth/oauth-input-limits.js';
import {
  AUTHENTICATION_RESPONSE,
  AUTHENTICATOR_ATTACHMENT,
  REGISTRATION_RESPONSE,
} from './passkey/passkey-input-limits.js';

export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const URL_MAX_LENGTH = 2048;
/** Better Auth's session tokens are 32 characters; room to spare, never unbounded. */
export const SESSION_TOKEN_MAX_LENGTH = 255;
/** Better Auth's reset tokens are 24 characters. */
export const RESET_TOKEN_MAX_LENGTH = 255;
/** Better Auth's verification tokens are JWTs of a few hundred characters. */
export const VERIFICATION_TOKEN_MAX_LENGTH = 2048;

/** The OpenAPI schema of one body field: what the document states and the hook enforces. */
export type AuthFieldSchema =
  | { type: 'string'; minLength?: number; maxLength: number; format?: 'email' | 'password' | 'uri-reference' }
  | { type: 'string'; minLength: number; maxLength: number; pattern: string }
  | { type: 'boolean' }
  | OAuthField['schema'];

interface AuthField {
  schema: AuthFieldSchema;
  /** Why the value is refused, or undefined when it is accepted. */
  refuse(value: unknown): string | undefined;
  /** The value Better Auth receives (e.g. a name without its surrounding spaces). */
  normalize?(value: string): string;
}

const codePoints = (value: string) => [...value].length;

const name: AuthField = {
  schema: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH },
  refuse: (value) => {
    if (typeof value !== 'string') return 'must be a string';
    const trimmed = value.trim();
    if (!trimmed) return 'must not be empty';
    if (codePoints(trimmed) > NAME_MAX_LENGTH) return `must be at most ${NAME_MAX_LENGTH} characters`;
    // Control characters have no place in a one-line name; NUL and lone surrogates cannot be stored.
    if (!isPrintableText(trimmed)) return 'must be text on one line';
    return undefined;
  },
  normalize: (value) => value.trim(),
};

const text = (maxLength: number, format?: 'email' | 'password' | 'uri-reference', minLength?: number): AuthField => ({
  schema: { type: 'string', maxLength, ...(minLength ? { minLength } : {}), ...(format ? { format } : {}) },
  refuse: (value) => {
    if (typeof value !== 'string') return 'must be a string';
    // Better Auth counts password length in UTF-16 code units; everything else counts characters.
    const length = format === 'password' ? value.length : codePoints(value);
    if (length > maxLength) return `must be at most ${maxLength} characters`;
    if (!isSafeText(value)) return 'must not contain NUL characters or unpaired surrogates';
    return undefined;
  },
});

const flag: AuthField = {
  schema: { type: 'boolean' },
  refuse: (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean'),
};

/** A code of a fixed form (a TOTP code, a backup code): anything else is refused before Better Auth compares it. */
const code = (pattern: string, length: number, form: string): AuthField => ({
  schema: { type: 'string', minLength: length, maxLength: length, pattern },
  refuse: (value) => {
    if (typeof value !== 'string') return 'must be a string';
    return new RegExp(pattern).test(value) ? undefined : `must be ${form}`;
  },
});

const email = text(EMAIL_MAX_LENGTH, 'email');
/** Length is Better Auth's own check on a new password; sign-in still refuses what no account can have. */
const newPassword = text(PASSWORD_MAX_LENGTH, 'password', PASSWORD_MIN_LENGTH);
const password = text(PASSWORD_MAX_LENGTH, 'password');
/** A password that confirms an action of a signed-in user: required, bounded as at sign-in. */
const confirmingPassword = text(PASSWORD_MAX_LENGTH, 'password', 1);
const totpCode = code(`^[0-9]{${TOTP_DIGITS}}$`, TOTP_DIGITS, `${TOTP_DIGITS} digits`);
const backupCode = code(BACKUP_CODE_PATTERN, 11, 'a backup code (five letters or digits, a hyphen, five more)');
/** Ids Better Auth generates (`generateId: 'uuid'`), e.g. a passkey's. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const recordId = code(UUID_PATTERN, 36, 'a UUID');
/** Better Auth refuses (403) a callback URL outside the trusted origins; this bounds its size. */
const callbackURL = text(URL_MAX_LENGTH, 'uri-reference');

/**
 * Every field a client may send in the body of each Better Auth route Taskvault serves, with its
 * limits. Anything else is refused (400), as unknown fields of the API's own routes are. The
 * OpenAPI document is built from this table and fails to build if Better Auth documents a field
 * the table does not decide on.
 */
export const AUTH_BODY_FIELDS: Record<string, Record<string, AuthField>> = {
  // oauth_query: signing in on an OAuth authorization's sign-in page continues the authorization.
  '/sign-up/email': { name, email, password: newPassword, callbackURL, rememberMe: flag, ...OAUTH_SIGN_IN_FIELDS },
  '/sign-in/email': { email, password, callbackURL, rememberMe: flag, ...OAUTH_SIGN_IN_FIELDS },
  '/update-user': { name },
  '/change-password': { currentPassword: password, newPassword, revokeOtherSessions: flag },
  '/revoke-session': { token: text(SESSION_TOKEN_MAX_LENGTH) },
  '/revoke-sessions': {},
  '/revoke-other-sessions': {},
  '/sign-out': {},
  '/request-password-reset': { email, redirectTo: callbackURL },
  '/reset-password': { newPassword, token: text(RESET_TOKEN_MAX_LENGTH) },
  '/send-verification-email': { email, callbackURL },
  '/change-email': { newEmail: email, callbackURL },
  '/delete-user': { password: confirmingPassword },
  '/two-factor/enable': { password: confirmingPassword },
  '/two-factor/get-totp-uri': { password: confirmingPassword },
  // The second step of a sign-in finishes it: on an authorization's sign-in page it carries oauth_query too.
  '/two-factor/verify-totp': { code: totpCode, trustDevice: flag, ...OAUTH_SIGN_IN_FIELDS },
  '/two-factor/verify-backup-code': { code: backupCode, trustDevice: flag, ...OAUTH_SIGN_IN_FIELDS },
  '/two-factor/generate-backup-codes': { password: confirmingPassword },
  '/two-factor/disable': { password: confirmingPassword },
  // Passkeys (WebAuthn); adding one is confirmed with the password (passkey/passkey-route-policy.ts).
  '/passkey/verify-registration': { response: REGISTRATION_RESPONSE, name, password: confirmingPassword },
  '/passkey/verify-authentication': { response: AUTHENTICATION_RESPONSE },
  '/passkey/update-passkey': { id: recordId, name },
  '/passkey/delete-passkey': { id: recordId },
  // OAuth 2.1 and the device grant (issue 12).
  ...OAUTH_BODY_FIELDS,
};

/** Fields Taskvault requires where Better Auth makes them optional. */
export const REQUIRED_AUTH_FIELDS: Record<string, string[]> = {
  '/delete-user': ['password'],
  '/passkey/verify-registration': ['password'],
};

const ONLY_TOTP = 'Taskvault offers authenticator-app codes (TOTP) only; no codes by mail or SMS.';

/** Fields Better Auth would take that Taskvault refuses, and why (said in the 400 and the document). */
export const REFUSED_AUTH_FIELDS: Record<string, Record<string, string>> = {
  '/sign-up/email': { image: 'Taskvault shows no profile pictures, so `image` cannot be set.' },
  '/update-user': { image: 'Taskvault shows no profile pictures, so `image` cannot be set.' },
  '/sign-out': {
    callbackURL: 'Provider logout: Taskvault signs in with no identity provider.',
    disableRedirect: 'Provider logout: Taskvault signs in with no identity provider.',
    state: 'Provider logout: Taskvault signs in with no identity provider.',
  },
  '/delete-user': {
    token: 'Deletion by a mailed link is not offered: the password confirms it.',
    callbackURL: 'Deletion answers JSON; the client decides where to go next.',
  },
  '/two-factor/enable': {
    method: ONLY_TOTP,
    issuer: 'The issuer authenticator apps show is always Taskvault.',
  },
  '/two-factor/verify-backup-code': {
    disableSession: 'A backup code on sign-in always finishes it: one spent without a session would be lost.',
  },
  '/passkey/verify-registration': {
    createSession: 'A passkey is added to the signed-in account, whose session goes on; it creates none.',
  },
  ...OAUTH_REFUSED_FIELDS,
};

/**
 * The query parameters of Better Auth's mailed-link routes, bounded like body fields (the document
 * states these schemas). Keyed by the path as the OpenAPI document writes it.
 */
export const AUTH_QUERY_FIELDS: Record<string, Record<string, AuthField>> = {
  '/verify-email': { callbackURL },
  '/passkey/generate-register-options': { authenticatorAttachment: AUTHENTICATOR_ATTACHMENT },
};

/**
 * Mailed tokens never travel in an API URL (proxies and browsers keep URLs: logs, history,
 * Referer). The mail's link opens the web app with the token in the fragment, which no server
 * receives; the web app sends it in the body (reset) or in this header (verification).
 */
export const VERIFICATION_TOKEN_HEADER = 'Verification-Token';
const verificationToken = text(VERIFICATION_TOKEN_MAX_LENGTH);
/** Query parameters Better Auth would read that Taskvault refuses (400), and where the value goes instead. */
export const REFUSED_AUTH_QUERY: Record<string, Record<string, string>> = {
  '/verify-email': { token: `Send the token in the ${VERIFICATION_TOKEN_HEADER} header, never in a URL.` },
  '/reset-password': { token: 'Send the token in the body, never in a URL.' },
  '/passkey/generate-register-options': {
    context: 'Passkey-first sign-up is not offered: a passkey is added to an account signed in with its password.',
    name: "The passkey's name goes in the registration's body; the authenticator shows the account's email beside it.",
  },
};

const refusedAsAuth = (code: string, message: string) => new APIError('BAD_REQUEST', { code, message });
const refusedAsOAuth = (_code: string, message: string) =>
  new APIError('BAD_REQUEST', { error: 'invalid_request', error_description: message });

/**
 * Better Auth bounds passwords only. Every body field of its routes gets the limits above, in
 * Better Auth's own error shape, before anything is written; a body on a route without a table
 * is refused whole (fail closed, e.g. after an upgrade adds a route).
 */
export function checkAuthInput(ctx: AuthHookContext): Record<string, unknown> | undefined {
  const body: unknown = ctx.body;
  if (body === undefined || body === null) return undefined;
  const path = requestedPath(ctx.path, ctx.request);
  const fields = AUTH_BODY_FIELDS[path];
  // OAuth clients read RFC 6749's error shape.
  const refused = OAUTH_PROTOCOL_PATHS.has(path) ? refusedAsOAuth : refusedAsAuth;
  if (typeof body !== 'object' || Array.isArray(body)) throw refused('INVALID_BODY', 'The body must be a JSON object');
  const normalized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const reason = REFUSED_AUTH_FIELDS[path]?.[key];
    if (reason) throw refused('FIELD_NOT_ACCEPTED', reason);
    const field = fields?.[key];
    if (!field) throw refused('UNKNOWN_FIELD', `${key} is not a field of this route`);
    const problem = field.refuse(value);
    if (problem) throw refused(`INVALID_${snakeCase(key)}`, `${key} ${problem}`);
    normalized[key] = field.normalize && typeof value === 'string' ? field.normalize(value) : value;
  }
  return normalized;
}

/**
 * GET /verify-email: the token from its header, as the query Better Auth's endpoint reads (the
 * hook's context replaces the request's). Undefined for every other route.
 */
export function mailedTokenFromHeader(ctx: AuthHookContext): Record<string, unknown> | undefined {
  checkQuery(ctx);
  if (ctx.path !== '/verify-email') return undefined;
  const token = ctx.headers?.get(VERIFICATION_TOKEN_HEADER) ?? undefined;
  if (token === undefined) throw refusedAsAuth('TOKEN_REQUIRED', `The ${VERIFICATION_TOKEN_HEADER} header is required`);
  const problem = verificationToken.refuse(token);
  if (problem) throw refusedAsAuth('INVALID_TOKEN', `${VERIFICATION_TOKEN_HEADER} ${problem}`);
  return { ...(ctx.query ?? {}), token };
}

/** Bounds the mailed-link routes' query values; a token in a URL is refused. */
function checkQuery(ctx: AuthHookContext): void {
  const values: Record<string, unknown> = ctx.query ?? {};
  for (const [key, reason] of Object.entries(REFUSED_AUTH_QUERY[ctx.path] ?? {})) {
    if (values[key] !== undefined)
      throw refusedAsAuth(key === 'token' ? 'TOKEN_IN_URL' : 'PARAMETER_NOT_ACCEPTED', reason);
  }
  const fields = AUTH_QUERY_FIELDS[ctx.path];
  if (!fields) return;
  for (const [key, field] of Object.entries(fields)) {
    if (values[key] === undefined) continue;
    const problem = field.refuse(values[key]);
    if (problem) throw refusedAsAuth(`INVALID_${snakeCase(key)}`, `${key} ${problem}`);
  }
}

/**
 * The route the client called. Some routes call others inside Better Auth with the same body
 * (the OAuth consent route runs the authorize endpoint): the body is judged by the route it was
 * sent to.
 */
function requestedPath(path: string, request: Request | undefined): string {
  if (!request) return path;
  const pathname = new URL(request.url).pathname;
  return pathname.startsWith(AUTH_PATH_PREFIX) ? pathname.slice(AUTH_PATH_PREFIX.length) : path;
}
/** Better Auth's base path (AUTH_BASE_PATH; not imported, the factory imports this module). */
const AUTH_PATH_PREFIX = '/api/auth';

/** callbackURL → CALLBACK_URL, for error codes in Better Auth's style. */
function snakeCase(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
