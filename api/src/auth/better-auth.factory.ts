import { type BetterAuthOptions, betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { bearer, jwt, openAPI } from 'better-auth/plugins';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.service.js';
import type { JobQueue } from '../jobs/job-queue.service.js';
import { CLIENT_IP_HEADER } from './auth.constants.js';
import { AccountMail } from './account-mail.js';
import { EmailChangeLinks } from './email-change-links.js';
import type { AuthHookContext } from './auth-hook-context.js';
import {
  checkAuthInput,
  mailedTokenFromHeader,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './auth-input-limits.js';
import { storedAuthLimits } from './auth-stored-limits.js';
import { refuseCommonPasswords } from './common-passwords.js';
import { bcryptPasswordHasher } from './password-hashing.js';
import {
  PASSWORD_RESET_REQUEST_QUEUE,
  type PasswordResetRequest,
  PasswordResetRequests,
} from './password-reset-requests.js';
import type { MailService } from '../mail/mail.service.js';
import {
  securityActivityAfterHook,
  securityActivityPasswordReset,
  securityActivityUserUpdate,
} from '../security-activity/security-activity-auth-hooks.js';
import type { SecurityActivityRecorder } from '../security-activity/security-activity.recorder.js';
import { SIGN_UP_REQUEST_QUEUE, type SignUpRequest, SignUpRequests } from './sign-up-requests.js';
import { withholdSessionWithoutSecondFactor } from './two-factor/second-factor-sessions.js';
import { TWO_FACTOR_DISABLED_PATHS, twoFactorPlugin } from './two-factor/two-factor.plugin.js';
import { passkeyPlugin } from './passkey/passkey.plugin.js';
import { holdRegistrationPassword, passkeyRefusalsAsTaskvaultAnswers } from './passkey/passkey-route-policy.js';
import { oauthAfterHook } from './oauth/oauth-after-hooks.js';
import { withDefaultResource } from './oauth/oauth-default-resource.js';
import { checkOAuthQuery } from './oauth/oauth-query-limits.js';
import { OAUTH_DISABLED_PATHS, oauthPages, oauthPlugins, oauthResource } from './oauth/oauth-provider.config.js';

export const AUTH_BASE_PATH = '/api/auth';
export { CLIENT_IP_HEADER } from './auth.constants.js';
export const RESET_TOKEN_TTL_SECONDS = 3600;
export const VERIFICATION_TOKEN_TTL_SECONDS = 24 * 3600;

/**
 * Better Auth routes Taskvault does not offer (no social sign-in; deletion only with the password,
 * not by mailed link; no mailed token in an API URL). Turned off so they are neither attack
 * surface nor documented.
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
  '/delete-user/callback',
  // The mailed reset link opens the web app with the token in the fragment (never sent to a
  // server); Better Auth's link-through-the-API route would put it in a URL path.
  '/reset-password/:token',
  '/update-session',
  '/verify-password',
  '/ok',
  '/error',
  ...TWO_FACTOR_DISABLED_PATHS,
  // OAuth 2.1 routes not offered (issue 12).
  ...OAUTH_DISABLED_PATHS,
];

/**
 * Better Auth, configured for Taskvault: email + password (bcrypt), sessions in PostgreSQL,
 * ES256 JWTs for the API (passport-jwt cannot verify the default EdDSA), the bearer plugin for
 * clients without cookies. Rate limiting is ours (AuthRateLimitMiddleware), shared by instances.
 */
export function createBetterAuth(
  config: AppConfig,
  pool: pg.Pool,
  mail: MailService,
  jobs: JobQueue,
  activity: SecurityActivityRecorder,
) {
  const accountMail = new AccountMail(config, mail);
  const resetRequests = new PasswordResetRequests(config, jobs);
  const emailChangeLinks = new EmailChangeLinks(pool, config.authSecret);
  const oauthAfter = oauthAfterHook(oauthPages(config).error);
  const activityAfter = securityActivityAfterHook(activity);
  const signUpRequests = new SignUpRequests(config, jobs, accountMail, VERIFICATION_TOKEN_TTL_SECONDS);
  const auth = betterAuth({
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
      requireEmailVerification: config.emailVerificationRequired,
      resetPasswordTokenExpiresIn: RESET_TOKEN_TTL_SECONDS,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: accountMail.resetPassword,
      onPasswordReset: async (data, request) => {
        securityActivityPasswordReset(activity)(data, request);
        await accountMail.passwordChanged(data);
      },
      // Required mode: SignUpRequests answers every sign-up and its job tells the owner of a taken
      // address (Better Auth's onExistingUserSignUp would run only for requests it handles itself).
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: false,
      autoSignInAfterVerification: true,
      expiresIn: VERIFICATION_TOKEN_TTL_SECONDS,
      sendVerificationEmail: accountMail.verification,
    },
    user: {
      // Confirmed from the new address (Better Auth's change-email-verification token); the old one gets a notice.
      changeEmail: { enabled: true, updateEmailWithoutVerification: false },
      deleteUser: { enabled: true, afterDelete: (user) => accountMail.accountDeleted(user) },
    },
    databaseHooks: withUserUpdateEffects(storedAuthLimits(), accountMail, activity),
    rateLimit: { enabled: false },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Better Auth's disabledPaths compares request paths: a route with a parameter is refused here.
        if (DISABLED_AUTH_PATHS.includes(ctx.path)) throw new APIError('NOT_FOUND');
        const query = mailedTokenFromHeader(ctx);
        checkOAuthQuery(ctx, oauthPages(config).error);
        await emailChangeLinks.useOnce(query?.token);
        const body = holdRegistrationPassword(ctx, checkAuthInput(ctx));
        // The later checks read the normalized body; Better Auth receives it through the context.
        if (body) ctx.body = body;
        refuseCommonPasswords(ctx);
        requirePasswordToDelete(ctx);
        const answer = (await resetRequests.intercept(ctx)) ?? (await signUpRequests.intercept(ctx));
        if (answer) return answer;
        const defaulted = withDefaultResource(
          ctx.path,
          ctx.method,
          query ?? (ctx.query as Record<string, unknown> | undefined),
          body,
          oauthResource(config),
        );
        const finalBody = defaulted?.body ?? body;
        const finalQuery = defaulted?.query ?? query;
        return finalBody || finalQuery
          ? { context: { ...(finalBody ? { body: finalBody } : {}), ...(finalQuery ? { query: finalQuery } : {}) } }
          : undefined;
      }),
      after: createAuthMiddleware(async (ctx) => {
        await withholdSessionWithoutSecondFactor(ctx);
        await activityAfter(ctx);
        return passkeyRefusalsAsTaskvaultAnswers(ctx) ?? oauthAfter(ctx);
      }),
    },
    // Where the OAuth authorization endpoint sends a browser it must not send to the client (issue 12).
    onAPIError: { errorURL: oauthPages(config).error },
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
      // First: its sign-in hook clears the password step's session cookie before bearer's hook
      // reads it, so "second factor required" carries no Set-Auth-Token (of a deleted session).
      twoFactorPlugin(),
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
      // Passkeys (WebAuthn): a passkey signs in on its own, also with two-factor on (./passkey/).
      passkeyPlugin(config),
      openAPI({ disableDefaultReference: true }),
      // OAuth 2.1 authorization server and device grant (issue 12): all of it in ./oauth/.
      ...oauthPlugins(config),
    ],
  });
  jobs.define<PasswordResetRequest>({
    name: PASSWORD_RESET_REQUEST_QUEUE,
    pollSeconds: config.mailRetry.pollSeconds,
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
    handle: async ({ email, redirectTo }) => {
      await auth.api.requestPasswordReset({ body: { email, redirectTo } });
    },
  });
  jobs.define<SignUpRequest>({
    name: SIGN_UP_REQUEST_QUEUE,
    pollSeconds: config.mailRetry.pollSeconds,
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
    handle: (request) => signUpRequests.complete(auth.$context, request),
  });
  return auth;
}

/**
 * After a user row changes: GET /verify-email moving the account to a new address tells the old
 * address; two-factor on/off and the new address go to the activity log.
 */
function withUserUpdateEffects(
  hooks: NonNullable<BetterAuthOptions['databaseHooks']>,
  accountMail: AccountMail,
  activity: SecurityActivityRecorder,
): NonNullable<BetterAuthOptions['databaseHooks']> {
  const recordUpdate = securityActivityUserUpdate(activity);
  return {
    ...hooks,
    user: {
      ...hooks.user,
      update: {
        ...hooks.user?.update,
        after: async (user, ctx) => {
          recordUpdate(user, ctx);
          await accountMail.emailChangedNotice(user, ctx?.path, ctx?.query?.token);
        },
      },
    },
  };
}

/** Deleting the account needs the password, never just a (possibly stolen) session. */
function requirePasswordToDelete(ctx: AuthHookContext): void {
  if (ctx.path !== '/delete-user') return;
  const password = (ctx.body as { password?: unknown } | undefined)?.password;
  if (typeof password !== 'string' || password.length === 0) {
    throw new APIError('BAD_REQUEST', {
      code: 'PASSWORD_REQUIRED',
      message: 'Confirm the deletion with your password',
    });
  }
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
