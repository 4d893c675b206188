import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest as Request } from 'fastify';
import type { Scope } from './scopes/scopes.js';

/** How the caller proved who they are. */
export type CredentialKind = 'session-jwt' | 'personal-token' | 'session' | 'oauth';

/** Who is calling, as proven by a verified credential. Never built from the URL or the body. */
export interface AuthenticatedUser {
  /** The user's id: the JWT's `sub`, or the personal token's or session's owner. */
  id: string;
  email: string;
  credential: CredentialKind;
  /** What this credential may do; checked against each route's @RequiresScope. */
  scopes: readonly Scope[];
  /** The Better Auth session behind a session JWT (its `sid`) or a session. */
  sessionId?: string;
  /** The personal access token used, when one was. */
  tokenId?: string;
  /** The third-party app an OAuth access token was issued to (its `client_id`). */
  clientId?: string;
}

/** The caller of a route behind JwtAuthGuard. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>().user,
);
