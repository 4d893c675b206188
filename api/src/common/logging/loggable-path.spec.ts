import { describe, expect, it } from '@jest/globals';
import { loggablePath } from './logging.module.js';

describe('loggablePath', () => {
  it('drops the query string, where search text and mailed verification tokens travel', () => {
    expect(loggablePath('/api/auth/verify-email?token=eyJ.secret&callbackURL=/')).toBe('/api/auth/verify-email');
  });

  it('hides the token a reset link carries in its path', () => {
    expect(loggablePath('/api/auth/reset-password/AbCdEf123456?callbackURL=x')).toBe(
      '/api/auth/reset-password/[redacted]',
    );
  });

  it('leaves other paths as they are', () => {
    expect(loggablePath('/api/auth/reset-password')).toBe('/api/auth/reset-password');
    expect(loggablePath('/api/tasks/123')).toBe('/api/tasks/123');
  });
});
