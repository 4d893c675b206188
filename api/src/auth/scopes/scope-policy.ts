import type { AuthenticatedUser } from '../current-user.decorator.js';
import { InsufficientScopeException } from './insufficient-scope.exception.js';
import type { Scope } from './scopes.js';

/**
 * Lets the caller through only when its credential carries the route's scope. A route that
 * declares none is closed to every token (fail closed); a test keeps such routes from existing.
 */
export function assertScope(user: AuthenticatedUser, required: Scope | undefined): void {
  if (required && user.scopes.includes(required)) return;
  throw new InsufficientScopeException(required);
}
