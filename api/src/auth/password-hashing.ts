import { createHash } from 'node:crypto';
import bcrypt from 'bcrypt';

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords that share those
 * bytes would match each other. Every password is first reduced to a fixed 44-byte digest
 * (SHA-256, base64) of its full UTF-8 text, so every character counts; bcrypt then adds the
 * salt and the work factor. Base64 also keeps NUL bytes, which end bcrypt's input, out of it.
 */
export function prehash(password: string): string {
  return createHash('sha256').update(password.normalize('NFC'), 'utf8').digest('base64');
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(data: { hash: string; password: string }): Promise<boolean>;
}

export function bcryptPasswordHasher(cost: number): PasswordHasher {
  return {
    hash: (password) => bcrypt.hash(prehash(password), cost),
    verify: async ({ hash, password }) => {
      // A stored value that is no bcrypt hash must not throw into a 500: it simply fails.
      if (!hash.startsWith('$2')) return false;
      return bcrypt.compare(prehash(password), hash);
    },
  };
}
