let taken: { path: string; token: string | null } | undefined;

/**
 * The token of a mailed link, from the page's fragment (`#token=…`): browsers never send a
 * fragment to a server, so the token is in no log or Referer. It is removed from the address bar
 * (and this history entry) at once; later calls on the same page get the same token.
 */
export function takeTokenFromFragment(): string | null {
  const path = window.location.pathname;
  if (window.location.hash || taken?.path !== path) {
    taken = { path, token: new URLSearchParams(window.location.hash.slice(1)).get('token') };
  }
  if (window.location.hash) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return taken.token;
}
