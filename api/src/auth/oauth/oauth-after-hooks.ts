import { createAuthMiddleware } from 'better-auth/api';

type Returned = { statusCode?: number; body?: { error?: unknown; error_description?: unknown } } | undefined;

/** Routes on one of the caller's own apps or consents. */
const OWN_ROUTES = new Set([
  '/oauth2/get-client',
  '/oauth2/update-client',
  '/oauth2/client/rotate-secret',
  '/oauth2/delete-client',
  '/oauth2/delete-consent',
]);

/** Tokens the revocation endpoint does not know, or knows as already revoked. */
const UNKNOWN_TOKEN = new Set(['token not found', 'refresh token revoked', 'opaque access token not found']);

/** An answer of our own in place of Better Auth's (an after hook may not change the status otherwise). */
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' },
  });

/**
 * Two answers of @better-auth/oauth-provider 1.7.5 brought in line with the RFCs clients test:
 * - RFC 7009 §2.2: the revocation endpoint answers 200 for a token it does not know (or that is
 *   already revoked) — "invalid tokens do not cause an error response" — where Better Auth says
 *   400 `invalid_request`. Errors about the request itself stay errors.
 * - RFC 7636 §4.6: a code_verifier that does not match is `invalid_grant` (400), where Better
 *   Auth says 401 `invalid_request`.
 * And one in line with the API's own routes: another user's app or consent is "not found" (404),
 * as if it did not exist, where Better Auth answers a signed-in caller 401 with no body.
 */
export const oauthAfterHooks = createAuthMiddleware(async (ctx) => {
  // Better Auth's and better-call's APIError are distinct classes: judged by shape.
  const returned = ctx.context.returned as Returned;
  if (!returned?.statusCode || returned.statusCode < 400) return;
  const description = String(returned.body?.error_description);
  if (ctx.path === '/oauth2/revoke' && returned.statusCode === 400 && UNKNOWN_TOKEN.has(description)) {
    return answer(200, {});
  }
  if (OWN_ROUTES.has(ctx.path) && returned.statusCode === 401 && ctx.context.session) {
    return answer(404, { error: 'not_found', error_description: 'No such app or consent among yours' });
  }
  if (ctx.path === '/oauth2/token' && description === 'code verification failed') {
    return answer(400, {
      error: 'invalid_grant',
      error_description: 'code_verifier does not match the code_challenge',
    });
  }
});
