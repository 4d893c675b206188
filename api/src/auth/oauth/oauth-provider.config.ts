import { oauthDeviceAuthorization, oauthProvider } from '@better-auth/oauth-provider';
import type { AppConfig } from '../../config/app-config.service.js';
import { SCOPES } from '../scopes/scopes.js';
import { oauthConsentLastUsed } from './oauth-consent-last-used.plugin.js';

/** What a third-party app may ask for: the API's scopes, and offline_access for a refresh token. */
export const OAUTH_SCOPES = [...SCOPES, 'offline_access'] as const;
/** RFC 9068 access tokens live no longer than the API's own session JWTs (15 minutes). */
export const OAUTH_ACCESS_TOKEN_TTL_SECONDS = 900;
/**
 * Authorization codes are single-use and short-lived (RFC 6749 §4.1.2: at most 10 minutes). Better
 * Auth uses the same lifetime for the signed query of the sign-in and consent pages: the user has
 * this long on each page, so it is minutes, not the seconds a code alone would need.
 */
export const OAUTH_CODE_TTL_SECONDS = 300;
/** RFC 8628 §3.2: device codes expire; ours after 10 minutes, the CLI polls every 5 seconds. */
export const DEVICE_CODE_TTL = '10m';
export const DEVICE_POLL_INTERVAL = '5s';
/** A claim of Taskvault's OAuth access tokens: when it was minted, in milliseconds. */
export const ISSUED_AT_MS_CLAIM = 'tv_iat_ms';

/**
 * The resource (RFC 8707 / RFC 9728) OAuth access tokens are issued for: the API's origin. It is
 * the `aud` of every OAuth access token, and differs from the session JWTs' audience, so neither
 * kind of token can be passed off as the other.
 */
export function oauthResource(config: AppConfig): string {
  return config.publicUrl;
}

/** The web app's pages the authorization server sends the user to (served on the API's origin). */
export function oauthPages(config: AppConfig) {
  return {
    // The web app's sign-in page; it passes its query on as `oauth_query` when signing in.
    login: `${config.publicUrl}/login`,
    consent: `${config.publicUrl}/consent`,
    device: `${config.publicUrl}/device`,
    error: `${config.publicUrl}/oauth-error`,
  };
}

/**
 * Better Auth's OAuth 2.1 authorization server (@better-auth/oauth-provider) and its RFC 8628
 * device grant, as Taskvault offers them: authorization code with PKCE (S256) and refresh tokens
 * only (no client credentials, no implicit, no password), JWT access tokens signed with the jwt
 * plugin's ES256 keys, client secrets hashed, no dynamic client registration.
 */
export function oauthPlugins(config: AppConfig) {
  const pages = oauthPages(config);
  const resource = oauthResource(config);
  return [
    oauthProvider({
      scopes: [...OAUTH_SCOPES],
      clientRegistrationDefaultScopes: [...OAUTH_SCOPES],
      resources: [{ identifier: resource, allowedScopes: [...OAUTH_SCOPES] }],
      enforcePerClientResources: false,
      grantTypes: ['authorization_code', 'refresh_token'],
      accessTokenExpiresIn: OAUTH_ACCESS_TOKEN_TTL_SECONDS,
      codeExpiresIn: OAUTH_CODE_TTL_SECONDS,
      allowDynamicClientRegistration: false,
      allowUnauthenticatedClientRegistration: false,
      storeClientSecret: 'hashed',
      storeTokens: 'hashed',
      loginPage: pages.login,
      consentPage: pages.consent,
      advertisedMetadata: { scopes_supported: [...OAUTH_SCOPES] },
      // The API's guard needs the caller's email like a session JWT's (the app may read the profile
      // anyway), and the issue time in milliseconds: `iat` has whole seconds, and a grant revoked
      // and authorized again within one second must refuse the old tokens and take the new.
      customAccessTokenClaims: ({ user }) => (user ? { email: user.email, [ISSUED_AT_MS_CLAIM]: Date.now() } : {}),
    }),
    oauthDeviceAuthorization({
      verificationUri: pages.device,
      expiresIn: DEVICE_CODE_TTL,
      interval: DEVICE_POLL_INTERVAL,
    }),
    oauthConsentLastUsed(),
  ];
}

/**
 * Routes of the two plugins Taskvault does not offer. The rest (authorize, consent, token,
 * revoke, the signed-in user's own clients and consents, the device routes) are classified in
 * auth-routes.ts and limited in oauth-input-limits.ts.
 */
export const OAUTH_DISABLED_PATHS = [
  // Dynamic client registration stays off (issue 12); admin routes manage every user's clients.
  '/oauth2/register',
  '/admin/oauth2/create-client',
  '/admin/oauth2/update-client',
  '/admin/oauth2/resources',
  '/admin/oauth2/resources/:identifier',
  '/admin/oauth2/resources/:identifier/clients/:client_id',
  // OpenID Connect is not offered (no `openid` scope): no userinfo, id tokens or logout.
  '/oauth2/userinfo',
  '/oauth2/end-session',
  '/oauth2/end-session/confirm',
  '/.well-known/openid-configuration',
  // Account selection / post-login steps, prelogin lookups and RFC 7662 introspection (the API is
  // the only resource server and verifies JWTs itself) are not offered.
  '/oauth2/continue',
  '/oauth2/public-client-prelogin',
  '/oauth2/introspect',
  // Consents are granted on the consent page and revoked whole; they are not edited.
  '/oauth2/update-consent',
  '/oauth2/get-consent',
  // The first-party device token route: CLIs redeem device codes at /oauth2/token.
  '/device/token',
];
