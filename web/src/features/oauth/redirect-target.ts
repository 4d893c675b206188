/**
 * Where the authorization server sends the browser next. Only a web address is followed: the
 * server names the app's registered redirect URI (https, or http on loopback) or a page of ours,
 * never a `javascript:` or other scheme, and a page of ours must not be talked into one. Kept
 * apart from the API client: the sign-in page uses it and ships only what it needs.
 */
export function redirectTarget(url: string | undefined): string {
  if (!url) throw new Error('The server did not say where to go next.');
  const target = new URL(url, window.location.origin);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new Error('The app’s address is not a web address.');
  }
  return target.toString();
}
