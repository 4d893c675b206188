import { isPrintableText } from '../../common/validation/safe-text.decorator.js';

/**
 * The body fields of the OAuth routes Taskvault serves, with their limits (merged into
 * AUTH_BODY_FIELDS by auth-input-limits.ts, which enforces and documents them). Kept here so the
 * OAuth surface is one folder. Better Auth validates meaning (grant types, PKCE, redirect URIs);
 * these bound sizes and shapes before it sees anything.
 */

/** Same shape as auth-input-limits' AuthField; redeclared to keep the modules free of cycles. */
export interface OAuthField {
  schema: Record<string, unknown> & { type: 'string' | 'boolean' | 'array' | 'object' | 'integer' };
  refuse(value: unknown): string | undefined;
  normalize?(value: string): string;
}

const URL_MAX = 2048;
/** Better Auth's client ids, secrets, codes and refresh tokens are 32–64 characters. */
const OPAQUE_MAX = 255;
/** An access token being revoked may be a JWT (~700 bytes). */
const TOKEN_MAX = 4096;
const SCOPE_MAX = 200;
export const REDIRECT_URIS_MAX = 10;
export const CLIENT_NAME_MAX = 100;

function text(maxLength: number, extra: Record<string, unknown> = {}): OAuthField {
  return {
    schema: { type: 'string', maxLength, ...extra },
    refuse: (value) => {
      if (typeof value !== 'string') return 'must be a string, sent once';
      if ([...value].length > maxLength) return `must be at most ${maxLength} characters`;
      if (!isPrintableText(value)) return 'must be printable text';
      if (extra.enum && !(extra.enum as string[]).includes(value))
        return `must be one of ${(extra.enum as string[]).join(', ')}`;
      return undefined;
    },
  };
}

const flag: OAuthField = {
  schema: { type: 'boolean' },
  refuse: (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean'),
};

/** Also bounds the passkey plugin's WebAuthn responses (../passkey/passkey-input-limits.ts). */
export function list(item: OAuthField, maxItems: number): OAuthField {
  return {
    schema: { type: 'array', minItems: 1, maxItems, items: item.schema },
    refuse: (value) => {
      if (!Array.isArray(value)) return 'must be an array';
      if (value.length < 1 || value.length > maxItems) return `must have 1 to ${maxItems} items`;
      for (const entry of value) {
        const problem = item.refuse(entry);
        if (problem) return `items ${problem}`;
      }
      return undefined;
    },
  };
}

export function object(fields: Record<string, OAuthField>): OAuthField {
  return {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.schema])),
    },
    refuse: (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
      for (const [key, entry] of Object.entries(value)) {
        const field = fields[key];
        if (!field) return `may not contain ${key}`;
        const problem = field.refuse(entry);
        if (problem) return `.${key} ${problem}`;
      }
      return undefined;
    },
  };
}

/**
 * A redirect URI: https, or http on a loopback host only (RFC 8252 §7.3, OAuth 2.1 §2.3.1); no
 * fragment. Exact matching at authorization is Better Auth's.
 */
export function redirectUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.hash || value.includes('#')) return 'must not contain a fragment';
  if (url.username || url.password) return 'must not contain credentials';
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && loopback) return undefined;
  return 'must be https, or http on a loopback address';
}

const redirectUri: OAuthField = {
  schema: { type: 'string', format: 'uri', maxLength: URL_MAX },
  refuse: (value) => text(URL_MAX).refuse(value) ?? redirectUriProblem(value as string),
};

const clientName: OAuthField = {
  schema: { type: 'string', minLength: 1, maxLength: CLIENT_NAME_MAX },
  refuse: (value) => {
    if (typeof value !== 'string' || !value.trim()) return 'must be a non-empty string';
    return text(CLIENT_NAME_MAX).refuse(value.trim());
  },
  normalize: (value) => value.trim(),
};

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const grantTypes = list(text(100, { enum: ['authorization_code', 'refresh_token', DEVICE_GRANT] }), 3);
const authMethod = text(30, { enum: ['none', 'client_secret_basic', 'client_secret_post'] });
const scope = text(SCOPE_MAX);
const clientId = text(OPAQUE_MAX);
const clientSecret = text(OPAQUE_MAX);

const clientFields = {
  client_name: clientName,
  redirect_uris: list(redirectUri, REDIRECT_URIS_MAX),
  token_endpoint_auth_method: authMethod,
  grant_types: grantTypes,
  /** `native` for apps on the user's machine (CLIs, desktop): loopback http redirect URIs (RFC 8252). */
  application_type: text(10, { enum: ['web', 'native'] }),
  scope,
};

export const OAUTH_BODY_FIELDS: Record<string, Record<string, OAuthField>> = {
  '/oauth2/authorize': {},
  '/oauth2/consent': { accept: flag, scope, oauth_query: text(TOKEN_MAX) },
  '/oauth2/token': {
    grant_type: text(100),
    client_id: clientId,
    client_secret: clientSecret,
    code: text(OPAQUE_MAX),
    code_verifier: text(128),
    redirect_uri: text(URL_MAX),
    refresh_token: text(OPAQUE_MAX),
    resource: text(URL_MAX),
    scope,
    device_code: text(OPAQUE_MAX),
  },
  '/oauth2/revoke': {
    client_id: clientId,
    client_secret: clientSecret,
    token: text(TOKEN_MAX),
    token_type_hint: text(20, { enum: ['access_token', 'refresh_token'] }),
  },
  '/oauth2/create-client': clientFields,
  '/oauth2/update-client': {
    client_id: clientId,
    update: object({ client_name: clientName, redirect_uris: clientFields.redirect_uris, scope }),
  },
  '/oauth2/client/rotate-secret': { client_id: clientId },
  '/oauth2/delete-client': { client_id: clientId },
  '/oauth2/delete-consent': { id: text(36) },
  '/device/code': { client_id: clientId, client_secret: clientSecret, scope, resource: text(URL_MAX) },
  '/device/approve': { userCode: text(32) },
  '/device/deny': { userCode: text(32) },
};

const OAUTH_QUERY_ON_SIGN_IN =
  'On the sign-in page of an authorization (the authorize endpoint sent the browser there): the page’s whole ' +
  'query string, unchanged (it is signed). After signing in, the answer is `{ redirect: true, url }` — where ' +
  'the authorization continues (the consent page, or the app with its code) — instead of `{ token, user }`.';

/**
 * The password step of a two-factor account answers "second factor required" and no session, so
 * the authorization can only continue once the code (or a backup code) signs the user in.
 */
const OAUTH_QUERY_ON_SECOND_STEP =
  'On the sign-in page of an authorization, the same signed query as the password step sent: the sign-in ' +
  'finishes here, so the answer is `{ redirect: true, url }` (the consent page, or the app with its code) ' +
  'instead of `{ token, user }`.';

/**
 * Fields Better Auth takes without documenting them, with what the document says: the device
 * grant's on the shared token route; the OAuth plugin's `oauth_query`, which its hook reads from
 * the body of any route that signs a user in.
 */
export const OAUTH_FIELDS_NOT_IN_BETTER_AUTH_SCHEMA: Record<string, Record<string, string>> = {
  '/oauth2/token': { device_code: 'RFC 8628: the device code, with the device grant type.' },
  '/sign-in/email': { oauth_query: OAUTH_QUERY_ON_SIGN_IN },
  '/sign-up/email': { oauth_query: OAUTH_QUERY_ON_SIGN_IN },
  '/two-factor/verify-totp': { oauth_query: OAUTH_QUERY_ON_SECOND_STEP },
  '/two-factor/verify-backup-code': { oauth_query: OAUTH_QUERY_ON_SECOND_STEP },
};

/** The signed query an authorization's sign-in page passes on (`oauth_query`). */
export const OAUTH_SIGN_IN_FIELDS = { oauth_query: text(TOKEN_MAX) };

const NOT_OFFERED = 'Not offered: Taskvault registers apps through the signed-in user, with name and redirect URIs.';
const NO_OIDC = 'OpenID Connect is not offered (no `openid` scope).';

export const OAUTH_REFUSED_FIELDS: Record<string, Record<string, string>> = {
  '/oauth2/consent': { claims: NO_OIDC },
  '/oauth2/create-client': Object.fromEntries(
    [
      'client_uri',
      'logo_uri',
      'contacts',
      'tos_uri',
      'policy_uri',
      'software_id',
      'software_version',
      'software_statement',
      'post_logout_redirect_uris',
      'backchannel_logout_uri',
      'backchannel_logout_session_required',
      'jwks',
      'jwks_uri',
      'response_types',
      'dpop_bound_access_tokens',
    ].map((name) => [name, NOT_OFFERED]),
  ),
  '/device/code': {
    user_id: 'The device is approved by the signed-in user at /device, never named by the client.',
    client_assertion: 'Private-key JWT client authentication is not offered.',
    client_assertion_type: 'Private-key JWT client authentication is not offered.',
  },
};

/**
 * Routes a standard OAuth client calls: their refusals use RFC 6749's error shape
 * (`{ error: "invalid_request", error_description }`), not Better Auth's.
 */
export const OAUTH_PROTOCOL_PATHS = new Set(['/oauth2/token', '/oauth2/revoke', '/device/code']);
