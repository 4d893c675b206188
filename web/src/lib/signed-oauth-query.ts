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
