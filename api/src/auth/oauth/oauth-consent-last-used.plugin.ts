import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';

/** The token grants that mean an app used its grant: a code exchanged, a refresh, a device code redeemed. */
const TOKEN_PATH = '/oauth2/token';

interface TokenAnswer {
  access_token?: unknown;
}

/** `sub` and `client_id` of an access token this server has just minted (no verification needed). */
function grantOf(accessToken: string): { userId: string; clientId: string } | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.client_id !== 'string') return undefined;
    return { userId: claims.sub, clientId: claims.client_id };
  } catch {
    return undefined;
  }
}

/**
 * "Last used" for the user's Connected apps: the consent row gets `lastUsedAt` each time the
 * token endpoint issues tokens for it. One UPDATE per token grant (every ≤ 15 minutes per active
 * app at most, by the access tokens' lifetime), none per API request. The field is declared as
 * part of Better Auth's `oauthConsent` model, so GET /oauth2/get-consents returns it.
 */
export const oauthConsentLastUsed = () =>
  ({
    id: 'taskvault-oauth-consent-last-used',
    schema: {
      oauthConsent: {
        fields: { lastUsedAt: { type: 'date', required: false, input: false } },
      },
    },
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === TOKEN_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned as TokenAnswer | undefined;
            if (typeof returned?.access_token !== 'string') return;
            const grant = grantOf(returned.access_token);
            if (!grant) return;
            await ctx.context.adapter.updateMany({
              model: 'oauthConsent',
              where: [
                { field: 'clientId', value: grant.clientId },
                { field: 'userId', value: grant.userId },
              ],
              update: { lastUsedAt: new Date() },
            });
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;
