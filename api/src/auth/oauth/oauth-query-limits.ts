import { APIError } from 'better-auth/api';
import { isPrintableText } from '../../common/validation/safe-text.decorator.js';
import type { AuthHookContext } from '../auth-hook-context.js';

/** What the OpenAPI document states for every OAuth query parameter (auth-openapi.ts, `bounded`). */
export const OAUTH_QUERY_VALUE_MAX_LENGTH = 2048;
const PARAMETERS_MAX = 30;
/**
 * How often a parameter may repeat: `resource` (RFC 8707), and `ba_param`, with which Better Auth's
 * signed query lists the names it signs. Every other parameter is sent once (RFC 6749 §3.1).
 */
const REPEATABLE: Record<string, number> = { resource: 10, ba_param: PARAMETERS_MAX };
const OAUTH_QUERY_PATH = /^\/(oauth2|device)(\/|$)/;
const AUTHORIZE_PATH = '/oauth2/authorize';

/** Why a query is refused, or undefined when every parameter is within its documented limits. */
export function oauthQueryProblem(query: Record<string, unknown>): string | undefined {
  const entries = Object.entries(query);
  if (entries.length > PARAMETERS_MAX) return `at most ${PARAMETERS_MAX} parameters`;
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    const repeats = REPEATABLE[name] ?? 1;
    if (values.length > repeats)
      return repeats === 1 ? `${name} must be sent once` : `${name} may be sent at most ${repeats} times`;
    for (const entry of values) {
      if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') {
        return `${name} must be text`;
      }
      const text = String(entry);
      if ([...text].length > OAUTH_QUERY_VALUE_MAX_LENGTH) {
        return `${name} must be at most ${OAUTH_QUERY_VALUE_MAX_LENGTH} characters`;
      }
      if (!isPrintableText(text)) return `${name} must be printable text`;
    }
  }
  return undefined;
}

/**
 * Bounds the query of the OAuth routes before Better Auth reads it, as the document states. A
 * faulty authorization request goes to the web app's error page (never to the client, whose
 * redirect URI is not yet checked); other routes answer 400 like every refused field.
 */
export function checkOAuthQuery(ctx: AuthHookContext, errorPage: string): void {
  if (!OAUTH_QUERY_PATH.test(ctx.path) || !ctx.query) return;
  const problem = oauthQueryProblem(ctx.query as Record<string, unknown>);
  if (!problem) return;
  if (ctx.path === AUTHORIZE_PATH) {
    const target = new URL(errorPage);
    target.search = new URLSearchParams({ error: 'invalid_request', error_description: problem }).toString();
    throw ctx.redirect(target.toString());
  }
  throw new APIError('BAD_REQUEST', { code: 'INVALID_QUERY', message: problem });
}
