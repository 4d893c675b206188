import type { AuthRoute } from '../openapi/auth-routes.js';

const SESSION_SET = ['Set-Cookie', 'Set-Auth-Token'];
/** Token answers say `Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1). */
const NO_CACHE = ['Pragma'];
const OWN: Pick<AuthRoute, 'access' | 'okHeaders' | 'errors' | 'oauthErrors'> = {
  access: 'session',
  okHeaders: SESSION_SET,
  errors: [401, 404],
  oauthErrors: true,
};

/**
 * Every route of @better-auth/oauth-provider and its device grant that Taskvault serves (the
 * others are in OAUTH_DISABLED_PATHS), keyed as Better Auth names them.
 */
export const OAUTH_ROUTES: Record<string, AuthRoute> = {
  'GET /oauth2/authorize': {
    access: 'session-or-none',
    oauthErrors: true,
    ok: 'OAuthRedirectResult',
    redirect:
      'To the sign-in page when no one is signed in, then to the consent page; after consent, to the ' +
      'registered `redirect_uri` with `code`, `state` and `iss` (RFC 9207), or the user’s `access_denied`. A ' +
      'faulty request — an unknown client, an unregistered `redirect_uri`, a scope that does not exist, PKCE ' +
      'missing or not S256 — goes to the web app’s error page (`/oauth-error?error=…&error_description=…` on ' +
      'this origin), never to the app.',
  },
  'POST /oauth2/authorize': {
    access: 'session-or-none',
    oauthErrors: true,
    ok: 'OAuthRedirectResult',
    redirect: 'As GET /oauth2/authorize, with the parameters in the query.',
  },
  'POST /oauth2/consent': {
    access: 'session',
    ok: 'OAuthRedirectResult',
    okHeaders: SESSION_SET,
    errors: [401],
    oauthErrors: true,
    redirect:
      'To the app’s `redirect_uri`: with `code`, `state` and `iss` when the user allowed, `error=access_denied` ' +
      'when not. `oauth_query` is the consent page’s query, signed by the server: any change is refused.',
  },
  'POST /oauth2/token': {
    access: 'public',
    ok: 'OAuthTokenResponse',
    okHeaders: NO_CACHE,
    errors: [401],
    oauthErrors: true,
    formBody: true,
  },
  'POST /oauth2/revoke': {
    access: 'public',
    // RFC 7009 §2.2: 200, also for a token that is unknown or already revoked; the body is empty.
    ok: null,
    okHeaders: NO_CACHE,
    errors: [401],
    oauthErrors: true,
    formBody: true,
  },
  'GET /oauth2/public-client': {
    access: 'session',
    ok: 'OAuthPublicClient',
    okHeaders: SESSION_SET,
    // 400: a query parameter past its documented limit (oauth-query-limits.ts).
    errors: [400, 401, 404],
  },
  'GET /oauth2/get-client': { ...OWN, ok: 'OAuthClient', errors: [400, 401, 404] },
  'GET /oauth2/get-clients': { ...OWN, ok: 'OAuthClientList' },
  'POST /oauth2/create-client': {
    access: 'session',
    ok: 'OAuthCreatedClient',
    okStatus: 201,
    okHeaders: [...SESSION_SET, ...NO_CACHE],
    errors: [401],
    oauthErrors: true,
  },
  'POST /oauth2/update-client': { ...OWN, ok: 'OAuthClient' },
  'POST /oauth2/client/rotate-secret': { ...OWN, okHeaders: [...SESSION_SET, ...NO_CACHE], ok: 'OAuthCreatedClient' },
  'POST /oauth2/delete-client': { ...OWN, ok: null },
  'GET /oauth2/get-consents': { ...OWN, ok: 'OAuthConsentList' },
  'POST /oauth2/delete-consent': { ...OWN, ok: null },
  'POST /device/code': {
    access: 'public',
    ok: 'OAuthDeviceCode',
    okHeaders: NO_CACHE,
    errors: [401],
    oauthErrors: true,
    formBody: true,
  },
  'GET /device': {
    access: 'session',
    ok: 'OAuthDeviceVerification',
    okHeaders: SESSION_SET,
    // An unknown, expired or already decided user code.
    errors: [400, 401],
    oauthErrors: true,
  },
  'POST /device/approve': {
    access: 'session',
    ok: 'OAuthDeviceDecision',
    okHeaders: SESSION_SET,
    errors: [401],
    oauthErrors: true,
  },
  'POST /device/deny': {
    access: 'session',
    ok: 'OAuthDeviceDecision',
    okHeaders: SESSION_SET,
    errors: [401],
    oauthErrors: true,
  },
};
