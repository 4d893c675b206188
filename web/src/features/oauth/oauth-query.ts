/**
 * The authorization server sends the browser to our sign-in and consent pages with its query
 * signed (`sig`, and `ba_param` naming each signed parameter). What goes back to the server is
 * exactly that signed part, as @better-auth/oauth-provider's own client sends it: any change
 * breaks the signature and is refused by the server.
 */
export function signedOAuthQuery(search: string): string | undefined {
  const params = new URLSearchParams(search);
  if (!params.has('sig')) return undefined;
  const signed = new Set(params.getAll('ba_param'));
  if (signed.size === 0) return undefined;
  const kept = new URLSearchParams();
  for (const [key, value] of params) {
    if (key === 'sig' || key === 'ba_param' || signed.has(key)) kept.append(key, value);
  }
  return kept.toString();
}

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
