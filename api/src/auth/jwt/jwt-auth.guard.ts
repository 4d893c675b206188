import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { looksLikePersonalToken } from '../../personal-tokens/personal-token-secret.js';
import { PersonalTokenVerifier } from '../../personal-tokens/personal-token-verifier.js';
import type { AuthenticatedUser } from '../current-user.decorator.js';
import { IS_PUBLIC } from '../../common/access/public.decorator.js';
import { REQUIRED_SCOPE, REQUIRES_SESSION } from '../scopes/access.decorators.js';
import { assertScope } from '../scopes/scope-policy.js';
import type { Scope } from '../scopes/scopes.js';
import { SessionAuthenticator } from '../sessions/session-authenticator.js';
import { SessionRequiredException } from '../sessions/session-exceptions.js';
import { withoutStack } from '../../common/problem-details/without-stack.js';
import { BearerChallengeException } from './bearer-challenge.exception.js';
import { JwtStrategy } from './jwt.strategy.js';

type Request = FastifyRequest & { user?: AuthenticatedUser };

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * Registered globally: every route needs a credential unless marked @Public(), and the one
 * place that decides which. `Authorization: Bearer tvp_…` is a personal access token
 * (PersonalTokenVerifier), any other bearer a JWT (passport-jwt, through JwtStrategy's own passport
 * registry rather than AuthGuard's process-wide one: see JwtStrategy); both give one
 * AuthenticatedUser with scopes, checked against the route's @RequiresScope (401, then 403).
 * Routes marked @RequiresSession take the user's session instead, and refuse tokens with 403.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly personalTokens: PersonalTokenVerifier,
    private readonly sessions: SessionAuthenticator,
    private readonly jwt: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const bearer = bearerToken(request.headers.authorization);
    const isAccessToken = bearer !== undefined && (looksLikePersonalToken(bearer) || JWT_SHAPE.test(bearer));

    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_SESSION, targets)) {
      if (isAccessToken) {
        await this.authenticateAccessToken(context, request, bearer);
        throw new SessionRequiredException();
      }
      request.user = await this.sessions.authenticate(request);
      if (!request.user)
        throw withoutStack(
          () => new BearerChallengeException(Boolean(request.headers.authorization ?? request.headers.cookie)),
        );
      return true;
    }

    await this.authenticateAccessToken(context, request, bearer);
    assertScope(request.user!, this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets));
    return true;
  }

  /** Sets request.user from a personal token or a JWT, or throws the 401 challenge. */
  private async authenticateAccessToken(context: ExecutionContext, request: Request, bearer?: string): Promise<void> {
    if (bearer !== undefined && looksLikePersonalToken(bearer)) {
      request.user = await this.personalTokens.verify(bearer);
      if (!request.user) throw withoutStack(() => new BearerChallengeException(true));
      return;
    }
    // A key lookup that fails refuses the token like a bad signature: the same 401 challenge.
    const user = await this.jwt
      .verifyRequest(request, context.switchToHttp().getResponse())
      .catch(() => false as const);
    if (!user) throw withoutStack(() => new BearerChallengeException(Boolean(request.headers.authorization)));
    request.user = user;
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750). */
function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^bearer +(\S+) *$/i.exec(header) : null;
  return match?.[1];
}
