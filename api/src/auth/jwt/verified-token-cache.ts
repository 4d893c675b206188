import { LRUCache } from 'lru-cache';
import { Strategy } from 'passport-jwt';

type VerifyCallback = (error: Error | null, payload?: object) => void;
type JwtVerifier = (token: string, key: unknown, options: { maxAge?: unknown }, callback: VerifyCallback) => void;

interface Verified {
  /** The key that checked the signature: another key (a JWKS reload, another app) must check again. */
  key: unknown;
  payload: object;
  /** jsonwebtoken refuses the token from this instant on (exp, or iat + maxAge, whichever is first). */
  refusedFromMs: number;
}

/** Bytes, not entries: a 10,000-session burst holds at most this much (tokens are ~700 bytes). */
const MAX_BYTES = 8 * 1024 * 1024;
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * passport-jwt's verification (jsonwebtoken: ES256 signature, algorithm, issuer, audience, exp,
 * nbf, maxAge) remembered for the exact token bytes it accepted, until the instant jsonwebtoken
 * would refuse them for their age. A client sends the same JWT with every request for its 15
 * minutes; checking its ECDSA signature again each time was a tenth of a listed page's CPU and a
 * fifth of a refused (429) request's (bench/results/latest.md).
 *
 * Nothing is skipped that could answer differently: the same bytes under the same key and options
 * verify the same way; the only checks that depend on time are replayed from `refusedFromMs`; a
 * token that failed is never remembered; the key must be the one the strategy looks up now (a key
 * dropped from the JWKS has no entry to match, a reloaded one is a new object). What runs after
 * the signature, every time: the strategy's `validate` (token kind, claims, session and grant
 * revocation), scopes and the request budget.
 *
 * One cache per strategy options object, so apps in one process (tests) never share entries.
 */
export function rememberVerifiedTokens(): void {
  const strategy = Strategy as unknown as { JwtVerifier: JwtVerifier & { remembering?: true } };
  if (strategy.JwtVerifier.remembering) return;
  const verify = strategy.JwtVerifier;
  const caches = new WeakMap<object, LRUCache<string, Verified>>();
  const remembering: JwtVerifier & { remembering?: true } = (token, key, options, callback) => {
    let cache = caches.get(options);
    const known = cache?.get(token);
    if (known && known.key === key && Date.now() < known.refusedFromMs) return callback(null, known.payload);
    verify(token, key, options, (error, payload) => {
      if (error || !payload) return callback(error, payload);
      const refusedFromMs = refusalInstant(payload as { exp?: unknown; iat?: unknown }, options);
      if (refusedFromMs > Date.now()) {
        if (!cache) caches.set(options, (cache = newCache()));
        cache.set(token, { key, payload: Object.freeze(payload), refusedFromMs }, { ttl: refusedFromMs - Date.now() });
      }
      callback(null, payload);
    });
  };
  remembering.remembering = true;
  strategy.JwtVerifier = remembering;
}

function newCache(): LRUCache<string, Verified> {
  return new LRUCache<string, Verified>({
    maxSize: MAX_BYTES,
    sizeCalculation: (_value, token) => token.length * 2 + ENTRY_OVERHEAD_BYTES,
  });
}

/**
 * jsonwebtoken refuses once floor(now / 1000) reaches exp, or iat + maxAge (seconds when a number).
 * Without a numeric maxAge and an iat, nothing is remembered (-Infinity).
 */
function refusalInstant(claims: { exp?: unknown; iat?: unknown }, options: { maxAge?: unknown }): number {
  if (typeof options.maxAge !== 'number' || typeof claims.iat !== 'number') return -Infinity;
  const byExp = typeof claims.exp === 'number' ? claims.exp : Infinity;
  return Math.min(byExp, claims.iat + options.maxAge) * 1000;
}
