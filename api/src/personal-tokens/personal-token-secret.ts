import { createHash } from 'node:crypto';
import { generateRandomString } from 'better-auth/crypto';

export const TOKEN_PREFIX = 'tvp_';
/** 43 base62 characters carry log2(62) × 43 ≈ 256.03 bits: at least 32 random bytes' worth. */
export const TOKEN_RANDOM_LENGTH = 43;
/** What the list shows to tell tokens apart: `tvp_` and 6 characters (36 of the 256 bits). */
export const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${TOKEN_RANDOM_LENGTH}}$`);

export interface NewSecret {
  token: string;
  hash: Buffer;
  prefix: string;
}

/** A new secret: `tvp_` + 43 uniformly random base62 characters (Better Auth's rejection-sampling generator). */
export function generateSecret(): NewSecret {
  const token = `${TOKEN_PREFIX}${generateRandomString(TOKEN_RANDOM_LENGTH, 'a-z', 'A-Z', '0-9')}`;
  return { token, hash: hashSecret(token), prefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/**
 * SHA-256 of the whole secret: what the database stores and is searched by. A 256-bit random
 * secret needs no salt or slow hash (nothing to guess); looking up a digest rather than the
 * secret keeps the lookup's timing independent of how much of a guess is right.
 */
export function hashSecret(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Could this be one of our secrets? Only the public format is checked: no part of any secret. */
export function hasTokenShape(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** Anything that starts like a personal token is judged as one (and refused if malformed). */
export function looksLikePersonalToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}
