export { signedOAuthQuery } from '../../lib/signed-oauth-query';

/** The host an app's redirect URI points at, to show on the consent page; undefined if it is not a URL. */
export function redirectHost(redirectUri: string | null): string | undefined {
  if (!redirectUri) return undefined;
  try {
    return new URL(redirectUri).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A device user code as the user may type it: with or without the dash, spaces, any case. The
 * server keeps letters and digits, upper-cased; so do we, to show and send one form.
 */
export function normalizeUserCode(typed: string): string {
  return typed.replace(/[^a-zA-Z0-9]/g, '').toUpperCase();
}

/** Shown as two halves, like the command-line tool shows it: ABCD-EFGH. */
export function formatUserCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
