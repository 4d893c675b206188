/** The page was opened by the authorization server, with its signed query: an app is waiting. */
export function isOAuthRequest(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('sig') && params.has('client_id');
}
