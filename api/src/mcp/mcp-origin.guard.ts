import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.service.js';

/**
 * DNS-rebinding defence the MCP transport spec asks for: a request whose `Origin` is not the
 * API's own origin or a configured web origin is refused with 403. Requests without `Origin`
 * (agents, command-line clients — not browsers) pass; they still need a token.
 */
@Injectable()
export class McpOriginGuard implements CanActivate {
  private readonly allowed: ReadonlySet<string>;

  constructor(config: AppConfig) {
    this.allowed = new Set(config.webOrigins);
  }

  canActivate(context: ExecutionContext): boolean {
    const origin = context.switchToHttp().getRequest<FastifyRequest>().headers.origin;
    if (origin === undefined || this.allowed.has(origin)) return true;
    throw new ForbiddenException('Requests from this Origin may not use the MCP endpoint.');
  }
}
