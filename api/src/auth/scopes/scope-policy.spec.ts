import { describe, expect, it } from '@jest/globals';
import type { AuthenticatedUser } from '../current-user.decorator.js';
import { InsufficientScopeException } from './insufficient-scope.exception.js';
import { assertScope } from './scope-policy.js';
import { SESSION_SCOPES } from './scopes.js';

const caller = (scopes: AuthenticatedUser['scopes']): AuthenticatedUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@example.test',
  credential: 'personal-token',
  scopes,
});

describe('assertScope', () => {
  it('lets a credential through on a route whose scope it carries', () => {
    expect(() => assertScope(caller(['tasks:read']), 'tasks:read')).not.toThrow();
    expect(() => assertScope(caller(SESSION_SCOPES), 'tasks:write')).not.toThrow();
  });

  it('refuses a missing scope with 403 and the RFC 6750 insufficient_scope challenge', () => {
    try {
      assertScope(caller(['tasks:read']), 'tasks:write');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InsufficientScopeException);
      expect((error as InsufficientScopeException).getStatus()).toBe(403);
      expect((error as InsufficientScopeException).headers['WWW-Authenticate']).toBe(
        'Bearer error="insufficient_scope", scope="tasks:write"',
      );
    }
  });

  it('closes a route that declares no scope to every credential, session JWTs included', () => {
    expect(() => assertScope(caller(SESSION_SCOPES), undefined)).toThrow(InsufficientScopeException);
  });
});
