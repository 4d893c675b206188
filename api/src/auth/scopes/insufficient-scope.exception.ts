import { ForbiddenException } from '@nestjs/common';

/**
 * 403 with the RFC 6750 §3.1 challenge naming the scope the route needs (a space-separated list
 * when it needs several, as RFC 6749 §3.3 writes scopes).
 */
export class InsufficientScopeException extends ForbiddenException {
  readonly headers: Record<string, string>;

  constructor(readonly scope: string | undefined) {
    super(
      scope
        ? scope.includes(' ')
          ? `This token does not carry all of the scopes "${scope}" this route needs.`
          : `This token does not carry the "${scope}" scope this route needs.`
        : 'This route is not open to any token.',
    );
    this.headers = {
      'WWW-Authenticate': scope
        ? `Bearer error="insufficient_scope", scope="${scope}"`
        : 'Bearer error="insufficient_scope"',
    };
  }
}
