import { codePoints } from '../../lib/validation';

/** The API's limits for an app (oauth-input-limits.ts), checked here first for a clear message. */
export const CLIENT_NAME_MAX = 100;
export const REDIRECT_URIS_MAX = 10;
export const REDIRECT_URI_MAX = 2048;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopback = (url: URL) => url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);

/** One redirect URI a line; blank lines and surrounding spaces ignored. */
export function parseRedirectUris(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * What is wrong with a list of redirect URIs, in words, or undefined. The server has the last
 * word (exact rules of RFC 8252 and OAuth 2.1); these are the rules a person can act on: https,
 * or http on loopback for apps on the user's own machine; no fragment, no user name or password.
 */
export function redirectUrisProblem(uris: string[]): string | undefined {
  if (uris.length === 0) return 'Enter at least one redirect URI.';
  if (uris.length > REDIRECT_URIS_MAX) return `Enter at most ${REDIRECT_URIS_MAX} redirect URIs.`;
  for (const uri of uris) {
    if (codePoints(uri) > REDIRECT_URI_MAX) return `A redirect URI may be at most ${REDIRECT_URI_MAX} characters.`;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return `“${uri}” is not a full address (like https://app.example/callback).`;
    }
    if (url.hash || uri.includes('#')) return `“${uri}” must not contain a # fragment.`;
    if (url.username || url.password) return `“${uri}” must not contain a user name or password.`;
    if (url.protocol !== 'https:' && !isLoopback(url)) {
      return `“${uri}” must use https (http is allowed only on localhost, 127.0.0.1 or [::1]).`;
    }
  }
  return undefined;
}

/**
 * RFC 7591 application_type: "native" when an address is on the user's own machine (loopback),
 * "web" otherwise. Better Auth accepts http loopback redirect URIs only for native apps.
 */
export function applicationType(uris: string[]): 'web' | 'native' {
  return uris.some((uri) => URL.canParse(uri) && isLoopback(new URL(uri))) ? 'native' : 'web';
}
