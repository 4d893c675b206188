import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  DISPLAY_PREFIX_LENGTH,
  generateSecret,
  hashSecret,
  hasTokenShape,
  looksLikePersonalToken,
} from './personal-token-secret.js';

describe('personal token secrets', () => {
  it('are tvp_ and 43 base62 characters, at least 256 bits of randomness', () => {
    const { token } = generateSecret();
    expect(token).toMatch(/^tvp_[0-9A-Za-z]{43}$/);
    expect(43 * Math.log2(62)).toBeGreaterThanOrEqual(256);
  });

  it('never repeat, and use the whole base62 alphabet', () => {
    const tokens = Array.from({ length: 2000 }, () => generateSecret().token);
    expect(new Set(tokens).size).toBe(tokens.length);
    const seen = new Set(tokens.join('').replaceAll('tvp_', ''));
    expect(seen.size).toBe(62);
  });

  it('are stored as their SHA-256 only, with a short prefix for display', () => {
    const secret = generateSecret();
    expect(secret.hash.equals(createHash('sha256').update(secret.token).digest())).toBe(true);
    expect(hashSecret(secret.token).equals(secret.hash)).toBe(true);
    expect(secret.prefix).toBe(secret.token.slice(0, DISPLAY_PREFIX_LENGTH));
    expect(secret.prefix.length).toBeLessThan(secret.token.length / 4);
  });

  it('are recognised by shape alone, and anything starting with tvp_ is judged as one', () => {
    const { token } = generateSecret();
    expect(hasTokenShape(token)).toBe(true);
    for (const bad of [
      `${token}x`,
      token.slice(0, -1),
      `${token.slice(0, -1)}-`,
      `TVP_${token.slice(4)}`,
      ` ${token}`,
    ]) {
      expect(hasTokenShape(bad)).toBe(false);
    }
    expect(looksLikePersonalToken('tvp_short')).toBe(true);
    expect(looksLikePersonalToken('eyJhbGciOi.x.y')).toBe(false);
  });
});
