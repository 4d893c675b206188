import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BETTER_AUTH } from '../auth.constants.js';
import type { BetterAuth } from '../better-auth.factory.js';
import type { AuthenticatedUser } from '../current-user.decorator.js';
import { SESSION_SCOPES } from '../scopes/scopes.js';
import { UntrustedOriginException } from './session-exceptions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller's Better Auth session, for the few routes that need the session itself rather than
 * a token: the session token as `Authorization: Bearer`, or the session cookie. Better Auth
 * resolves it (`auth.api.getSession`), so sign-out and revocation apply at once.
 *
 * A cookie rides along with any request a browser sends, including those a foreign page forges,
 * so a cookie-bearing request that changes something must carry an `Origin` (or `Referer`) that
 * Better Auth trusts — the same rule as Better Auth's own origin check. A Bearer header cannot be
 * added by a foreign page without passing CORS, so it needs no such check.
 */
@Injectable()
export class SessionAuthenticator {
  constructor(@Inject(BETTER_AUTH) private readonly auth: BetterAuth) {}

  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser | undefined> {
    const headers = new Headers();
    const { authorization, cookie } = request.headers;
    // Only the credential being judged goes to Better Auth: with a Bearer header, a cookie that
    // happens to ride along must not stand in for it.
    if (authorization) headers.set('authorization', authorization);
    else if (cookie) headers.set('cookie', cookie);
    else return undefined;
    const found = await this.auth.api.getSession({ headers }).catch(() => null);
    if (!found) return undefined;
    // Authentication first (401), then where the cookie came from (403).
    if (!authorization && !SAFE_METHODS.has(request.method)) await this.assertTrustedOrigin(request);
    return {
      id: found.user.id,
      email: found.user.email,
      credential: 'session',
      sessionId: found.session.id,
      scopes: SESSION_SCOPES,
    };
  }

  private async assertTrustedOrigin(request: FastifyRequest): Promise<void> {
    const origin = request.headers.origin || request.headers.referer;
    if (!origin || origin === 'null') throw new UntrustedOriginException();
    const context = await this.auth.$context;
    if (!context.isTrustedOrigin(origin)) throw new UntrustedOriginException();
  }
}
