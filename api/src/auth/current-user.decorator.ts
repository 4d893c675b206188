import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest as Request } from 'fastify';

/** Who is calling, as proven by a verified JWT. Never built from the URL or the body. */
export interface AuthenticatedUser {
  /** The user's id: the JWT's `sub`. */
  id: string;
  email: string;
  /** The Better Auth session the JWT was minted from: the JWT's `sid`. */
  sessionId: string;
}

/** The caller of a route behind JwtAuthGuard. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>().user,
);
