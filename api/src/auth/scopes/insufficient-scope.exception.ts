import { ForbiddenException } from '@nestjs/common';
import type { Scope } from './scopes.js';

/** 403 with the RFC 6750 §3.1 challenge naming the scope the route needs. */
export class InsufficientScopeException extends ForbiddenException {
  readonly headers: Record<string, string>;

  constructor(readonly scope: Scope | undefined) {
    super(
      scope
        ? `This token does not carry the "${scope}" scope this route needs.`
        : 'This route is not open to any token.',
    );
    this.headers = {
      'WWW-Authenticate': scope
        ? `Bearer error="insufficient_scope", scope="${scope}"`
        : 'Bearer error="insufficient_scope"',
    };
  }
}
