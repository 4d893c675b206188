import { describe, expect, it } from '@jest/globals';
import { bcryptPasswordHasher, prehash } from './password-hashing.js';

const hasher = bcryptPasswordHasher(4);

describe('bcryptPasswordHasher', () => {
  it('accepts the password it hashed and refuses another', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(hasher.verify({ hash, password: 'correct horse battery staple' })).resolves.toBe(true);
    await expect(hasher.verify({ hash, password: 'correct horse battery stapler' })).resolves.toBe(false);
  });

  it('tells apart passwords that differ only after their 72nd byte', async () => {
    const common = 'a'.repeat(72);
    const hash = await hasher.hash(`${common}-one`);
    await expect(hasher.verify({ hash, password: `${common}-two` })).resolves.toBe(false);
    await expect(hasher.verify({ hash, password: common })).resolves.toBe(false);
  });

  it('tells apart multi-byte passwords that differ past 72 bytes', async () => {
    const common = 'é'.repeat(40); // 80 bytes in UTF-8
    const hash = await hasher.hash(`${common}x`);
    await expect(hasher.verify({ hash, password: `${common}y` })).resolves.toBe(false);
  });

  it('refuses a stored value that is not a bcrypt hash instead of throwing', async () => {
    await expect(hasher.verify({ hash: 'scrypt:abc', password: 'whatever' })).resolves.toBe(false);
  });

  it('feeds bcrypt a fixed-length input without NUL bytes', () => {
    const digest = prehash('x'.repeat(1000));
    expect(Buffer.byteLength(digest)).toBe(44);
    expect(digest).not.toContain('\0');
  });
});
