import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/current-user.decorator.js';
import type { ActivityOrigin } from './security-activity.recorder.js';

/**
 * Where a request to the API's own routes came from, for the activity log: Fastify's request.ip
 * (X-Forwarded-For only from the proxies TRUST_PROXY names, as for Better Auth's routes), the
 * User-Agent, and the caller's session.
 */
export const RequestOrigin = createParamDecorator((_data: unknown, context: ExecutionContext): ActivityOrigin => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
  return { ip: request.ip, userAgent: request.headers['user-agent'], sessionId: request.user?.sessionId };
});
