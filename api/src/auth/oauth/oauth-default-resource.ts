/**
 * OAuth requests that name no `resource` (RFC 8707) are taken as asking for this API. Better Auth
 * issues a JWT access token only for a named resource, and an opaque one otherwise, which the API
 * does not accept: a client that follows plain OAuth 2.1 (no RFC 8707) would get tokens that open
 * nothing. The API is the only resource, so the default is unambiguous. The token endpoint needs no
 * default: it takes the resource the code or refresh token was issued for.
 */
export function withDefaultResource(
  path: string,
  method: string | undefined,
  query: Record<string, unknown> | undefined,
  body: Record<string, unknown> | undefined,
  resource: string,
): { query?: Record<string, unknown>; body?: Record<string, unknown> } | undefined {
  if (path === '/oauth2/authorize' && method === 'GET') {
    return query?.resource === undefined ? { query: { ...(query ?? {}), resource } } : undefined;
  }
  if ((path === '/oauth2/authorize' && method === 'POST') || path === '/device/code') {
    return body && body.resource === undefined ? { body: { ...body, resource } } : undefined;
  }
  return undefined;
}
