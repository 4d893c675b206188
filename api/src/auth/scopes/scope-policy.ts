import type { AuthenticatedUser } from '../current-user.decorator.js';
import { InsufficientScopeException } from './insufficient-scope.exception.js';
import type { Scope } from './scopes.js';

/**
 * Lets the caller through only when its credential carries the route's scope (every one of them,
 * when a route names several). A route that declares none is closed to every token (fail
 * closed); a test keeps such routes from existing.
 */
export function assertScope(user: AuthenticatedUser, required: Scope | readonly Scope[] | undefined): void {
  // The one-scope case, every request's, allocates nothing.
  if (typeof required === 'string') {
    if (user.scopes.includes(required)) return;
    throw new InsufficientScopeException(required);
  }
  if (required && required.length > 0 && required.every((scope) => user.scopes.includes(scope))) return;
  throw new InsufficientScopeException(required && required.length > 0 ? required.join(' ') : undefined);
}
