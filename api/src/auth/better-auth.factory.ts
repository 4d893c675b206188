import { betterAuth } from 'better-auth';
import { bearer, jwt, openAPI } from 'better-auth/plugins';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.service.js';
import { authInputLimits, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth-input-limits.js';
import { storedAuthLimits } from './auth-stored-limits.js';
import { bcryptPasswordHasher } from './password-hashing.js';
import { oauthAfterHooks } from './oauth/oauth-after-hooks.js';
import { OAUTH_DISABLED_PATHS, oauthPages, oauthPlugins } from './oauth/oauth-provider.config.js';

export const AUTH_BASE_PATH = '/api/auth';
/** Set by BetterAuthController from Fastify's request.ip (which honours TRUST_PROXY); never from the client. */
export const CLIENT_IP_HEADER = 'x-taskvault-client-ip';

/**
 * Better Auth routes Taskvault does not offer (no social sign-in, no email sending, no account
 * deletion yet). Turned off so they are neither attack surface nor documented.
 */
export const DISABLED_AUTH_PATHS = [
  '/sign-in/social',
  '/callback/:id',
  '/link-social',
  '/unlink-account',
  '/list-accounts',
  '/refresh-token',
  '/get-access-token',
  '/account-info',
  '/verify-email',
  '/send-verification-email',
  '/change-email',
  '/request-password-reset',
  '/reset-password',
  '/reset-password/:token',
  '/delete-user',
  '/delete-user/callback',
  '/update-session',
  '/verify-password',
  '/ok',
  '/error',
  // OAuth 2.1 routes not offered (issue 12).
  ...OAUTH_DISABLED_PATHS,
];

/**
 * Better Auth, configured for Taskvault: email + password (bcrypt), sessions in PostgreSQL,
 * ES256 JWTs for the API (passport-jwt cannot verify the default EdDSA), the bearer plugin for
 * clients without cookies. Rate limiting is ours (AuthRateLimitMiddleware), shared by instances.
 */
export function createBetterAuth(config: AppConfig, pool: pg.Pool) {
  return betterAuth({
    appName: 'Taskvault',
    baseURL: config.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: config.authSecret,
    database: pool,
    trustedOrigins: config.webOrigins,
    telemetry: { enabled: false },
    disabledPaths: DISABLED_AUTH_PATHS,
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      password: bcryptPasswordHasher(config.bcryptCost),
    },
    rateLimit: { enabled: false },
    // Where the OAuth authorization endpoint sends a browser it must not send to the client (issue 12).
    onAPIError: { errorURL: oauthPages(config).error },
    hooks: { before: authInputLimits, after: oauthAfterHooks },
    databaseHooks: storedAuthLimits(pool),
    advanced: {
      // Better Auth turns these checks off when NODE_ENV=test; ours stay on everywhere, so the
      // tests prove what production does.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      database: { generateId: 'uuid' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.publicUrl.startsWith('https://'),
    },
    logger: { level: config.isProduction ? 'error' : 'warn', disabled: config.logLevel === 'silent' },
    plugins: [
      bearer(),
      jwt({
        jwks: { keyPairConfig: { alg: 'ES256' } },
        jwt: {
          issuer: config.jwtIssuer,
          audience: config.jwtAudience,
          expirationTime: `${config.jwtTtlSeconds}s`,
          // Only what the API needs: `sub` (the user id) is added by the plugin itself.
          definePayload: ({ user, session }) => ({ sid: session.id, email: user.email }),
        },
      }),
      openAPI({ disableDefaultReference: true }),
      // OAuth 2.1 authorization server and device grant (issue 12): all of it in ./oauth/.
      ...oauthPlugins(config),
    ],
  });
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
