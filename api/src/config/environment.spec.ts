import { describe, expect, it } from '@jest/globals';
import { InvalidEnvironmentError, validateEnvironment } from './environment.js';

const valid = { BETTER_AUTH_SECRET: 'a'.repeat(32) };

describe('validateEnvironment', () => {
  it('applies defaults to a minimal environment', () => {
    const environment = validateEnvironment(valid);
    expect(environment.PORT).toBe(3000);
    expect(environment.JWT_AUDIENCE).toBe('taskvault-api');
    expect(environment.BCRYPT_COST).toBe(12);
    expect(environment.JWT_TTL_SECONDS).toBe(900);
  });

  it('converts numeric variables from strings', () => {
    expect(validateEnvironment({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });

  it('names a secret that is too short', () => {
    expect(() => validateEnvironment({ BETTER_AUTH_SECRET: 'short' })).toThrow(
      /BETTER_AUTH_SECRET must be at least 32 characters/,
    );
  });

  it('names a missing secret', () => {
    expect(() => validateEnvironment({})).toThrow(/BETTER_AUTH_SECRET/);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      validateEnvironment({ ...valid, PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_TTL_SECONDS: '3600' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/JWT_TTL_SECONDS/);
  });

  it('refuses a JWT lifetime over 15 minutes', () => {
    expect(() => validateEnvironment({ ...valid, JWT_TTL_SECONDS: '901' })).toThrow(/JWT_TTL_SECONDS/);
  });

  it('refuses a malformed web origin list', () => {
    expect(() => validateEnvironment({ ...valid, WEB_ORIGINS: 'localhost:5173' })).toThrow(/WEB_ORIGINS/);
  });

  it('reads HSTS_ENABLED=false as false', () => {
    expect(validateEnvironment({ ...valid, HSTS_ENABLED: 'false' }).HSTS_ENABLED).toBe('false');
  });
});
