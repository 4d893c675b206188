import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyRequest as Request } from 'fastify';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';

/**
 * For routes addressed as /api/users/{userId}/...: only the token's own user may be named. Any
 * other id — someone else's, unknown, or not even a UUID — is 403, before input is looked at.
 */
@Injectable()
export class ResourceOwnerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const { userId } = (request.params ?? {}) as { userId?: string };
    if (!request.user || userId !== request.user.id) {
      throw new ForbiddenException('This path names another user.');
    }
    return true;
  }
}
