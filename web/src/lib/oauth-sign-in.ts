import type { BetterAuthClientPlugin } from 'better-auth/client';
import { signedOAuthQuery } from './signed-oauth-query';

/**
 * The routes that start a session, after which the server continues the authorization. For an
 * account with two-factor sign-in on, the password step opens no session: the second step does.
 */
const ROUTES = ['/sign-in/email', '/sign-up/email', '/two-factor/verify-totp', '/two-factor/verify-backup-code'];

type RequestContext = { url: string | URL; body?: unknown; method?: string };

/**
 * On the sign-in page the authorization server sent the user to, sign-in (its second step too,
 * and sign-up, which that page links to with the same query) carries the signed OAuth query (`oauth_query`), so
 * that the server continues the authorization once the user is signed in and answers where to
 * go next (the consent page, or the app).
 *
 * @better-auth/oauth-provider's own client plugin does the same, but for every POST made from a
 * page with a signed query (sign-out, resending a confirmation mail…); the API refuses fields a
 * route does not take, so only sign-in and sign-up get it here.
 */
export const oauthSignIn = () =>
  ({
    id: 'taskvault-oauth-sign-in',
    fetchPlugins: [
      {
        id: 'taskvault-oauth-sign-in',
        name: 'taskvault-oauth-sign-in',
        hooks: {
          onRequest<T extends Record<string, unknown>>(context: T & RequestContext) {
            if (typeof window === 'undefined' || !ROUTES.some((route) => String(context.url).endsWith(route))) return;
            const oauthQuery = signedOAuthQuery(window.location.search);
            if (!oauthQuery) return;
            const body = (typeof context.body === 'string' ? JSON.parse(context.body) : (context.body ?? {})) as object;
            context.body = JSON.stringify({ ...body, oauth_query: oauthQuery });
          },
        },
      },
    ],
  }) satisfies BetterAuthClientPlugin;
