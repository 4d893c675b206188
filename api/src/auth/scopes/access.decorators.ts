import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { JWT_SECURITY_SCHEME, ApiProblemResponses } from '../../common/openapi/api-problem-responses.decorator.js';
import { OAUTH2_SCHEME } from '../oauth/oauth-schemas.js';
import type { Scope } from './scopes.js';

export const REQUIRED_SCOPE = 'taskvault:required-scope';
export const REQUIRES_SESSION = 'taskvault:requires-session';

/** The OpenAPI extension listing the scopes an operation needs (security requirements of http schemes cannot). */
export const OPENAPI_SCOPES_EXTENSION = 'x-required-scopes';
export const PERSONAL_TOKEN_SECURITY_SCHEME = 'personalToken';
export const SESSION_COOKIE_SECURITY_SCHEME = 'sessionCookie';
/** Declared by openapi-document.ts for Better Auth's bearer plugin: the session token as Bearer. */
export const SESSION_TOKEN_SECURITY_SCHEME = 'sessionToken';

/**
 * The scope a route needs, enforced by JwtAuthGuard after authentication (401 first, then 403
 * `insufficient_scope`). It also documents the route: a JWT, a personal access token or an OAuth
 * access token granted the scope opens it, the scope is listed in `x-required-scopes`, and the
 * 401/403/429 answers are described.
 */
export const RequiresScope = (scope: Scope) => RequiresScopes(scope);

/** As RequiresScope, for a route that needs several scopes: the credential must carry all of them. */
export const RequiresScopes = (...scopes: [Scope, ...Scope[]]) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scopes.length === 1 ? scopes[0] : scopes),
    ApiSecurity(JWT_SECURITY_SCHEME),
    ApiSecurity(PERSONAL_TOKEN_SECURITY_SCHEME),
    ApiSecurity(OAUTH2_SCHEME, scopes),
    ApiExtension(OPENAPI_SCOPES_EXTENSION, scopes),
    ApiProblemResponses(401, 403, 429),
  );

/**
 * For routes that only the user's own session may call (managing personal access tokens): the
 * session cookie or the session token as Bearer. A JWT or a personal token gets 403, so a stolen
 * short-lived credential cannot buy itself a long-lived one.
 */
export const RequiresSession = () =>
  applyDecorators(
    SetMetadata(REQUIRES_SESSION, true),
    ApiSecurity(SESSION_COOKIE_SECURITY_SCHEME),
    ApiSecurity(SESSION_TOKEN_SECURITY_SCHEME),
    ApiProblemResponses(401, 403, 429),
  );
