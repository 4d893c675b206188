import { createAuthMiddleware } from 'better-auth/api';

type Returned =
  | {
      statusCode?: number;
      headers?: HeadersInit;
      body?: { error?: unknown; error_description?: unknown };
      redirect?: unknown;
      url?: unknown;
    }
  | undefined;

/**
 * The errors an app's redirect URI may receive from the authorization endpoint: the user's answer
 * (or, with `prompt=none`, what the session lacks). Every other error is a fault of the request —
 * a scope that does not exist, PKCE missing or not S256, an unregistered redirect URI — and goes
 * to the web app's error page on our origin, never to the app (issue 12).
 */
const ERRORS_FOR_THE_APP = new Set([
  'access_denied',
  'login_required',
  'consent_required',
  'interaction_required',
  'account_selection_required',
]);
const AUTHORIZE_PATHS = new Set(['/oauth2/authorize', '/oauth2/consent']);

/** Where an authorize answer sends the browser: a 302's Location, or the `{ redirect, url }` fetch form. */
function redirectTarget(returned: Returned): { url: string; asJson: boolean } | undefined {
  if (!returned) return undefined;
  if (returned.redirect === true && typeof returned.url === 'string') return { url: returned.url, asJson: true };
  if (returned.statusCode === 302 && returned.headers) {
    const location = new Headers(returned.headers).get('location');
    if (location) return { url: location, asJson: false };
  }
  return undefined;
}

/** The error page instead of an error redirect to the app, or undefined when the redirect may stand. */
function errorPageInstead(target: string, errorPage: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return errorPage;
  }
  const error = url.searchParams.get('error');
  if (!error || ERRORS_FOR_THE_APP.has(error)) return undefined;
  if (`${url.origin}${url.pathname}` === errorPage) return undefined;
  const page = new URL(errorPage);
  page.searchParams.set('error', error);
  const description = url.searchParams.get('error_description');
  if (description) page.searchParams.set('error_description', description);
  return page.toString();
}

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
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: {
      ...(body === null ? {} : { 'content-type': 'application/json' }),
      'cache-control': 'no-store',
      pragma: 'no-cache',
    },
  });

/**
 * Answers of @better-auth/oauth-provider 1.7.5 brought in line with the RFCs clients test, or
 * with the issue:
 * - RFC 7009 §2.2: the revocation endpoint answers 200 for a token it does not know (or that is
 *   already revoked) — "invalid tokens do not cause an error response" — where Better Auth says
 *   400 `invalid_request`. Errors about the request itself stay errors.
 * - RFC 7636 §4.6: a code_verifier that does not match is `invalid_grant` (400), where Better
 *   Auth says 401 `invalid_request`.
 * - RFC 6749 §4.1.2.1 has the authorization endpoint send a request's faults (invalid_scope,
 *   invalid_request for missing or plain PKCE) to the app's redirect URI. Taskvault sends them to
 *   the web app's error page instead (see ERRORS_FOR_THE_APP): a deliberate deviation.
 * And one in line with the API's own routes: another user's app or consent is "not found" (404),
 * as if it did not exist, where Better Auth answers a signed-in caller 401 with no body.
 */
export const oauthAfterHooks = (errorPage: string) =>
  createAuthMiddleware(async (ctx) => {
    // Better Auth's and better-call's APIError are distinct classes: judged by shape.
    const returned = ctx.context.returned as Returned;
    if (AUTHORIZE_PATHS.has(ctx.path)) {
      const target = redirectTarget(returned);
      const instead = target && errorPageInstead(target.url, errorPage);
      if (instead) {
        if (target.asJson) return ctx.json({ redirect: true, url: instead });
        throw ctx.redirect(instead);
      }
    }
    if (!returned?.statusCode || returned.statusCode < 400) return;
    const description = String(returned.body?.error_description);
    if (ctx.path === '/oauth2/revoke' && returned.statusCode === 400 && UNKNOWN_TOKEN.has(description)) {
      // The same empty 200 as Better Auth's answer for a token it revoked.
      return answer(200, null);
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
