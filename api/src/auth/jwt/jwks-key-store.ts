import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BETTER_AUTH } from '../auth.constants.js';
import type { BetterAuth } from '../better-auth.factory.js';

/** An unknown `kid` triggers at most one reload per interval, so forged kids cannot flood the database. */
const MIN_RELOAD_INTERVAL_MS = 2_000;

interface PublicJwk {
  kid?: string;
  kty?: string;
  crv?: string;
  alg?: string;
  x?: string;
  y?: string;
}

/**
 * Better Auth's public signing keys, kept in the process. Verifying a JWT costs no I/O; a `kid`
 * we have not seen (a key rotated in by another instance) reloads the set once.
 */
@Injectable()
export class JwksKeyStore {
  private readonly logger = new Logger(JwksKeyStore.name);
  private keys = new Map<string, KeyObject>();
  private lastReload = 0;
  private reloading?: Promise<void>;

  constructor(@Inject(BETTER_AUTH) private readonly auth: BetterAuth) {}

  async publicKeyFor(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastReload >= MIN_RELOAD_INTERVAL_MS) await this.reload();
    return this.keys.get(kid);
  }

  reload(): Promise<void> {
    this.reloading ??= this.load().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async load(): Promise<void> {
    this.lastReload = Date.now();
    const { keys } = (await this.auth.api.getJwks()) as { keys: PublicJwk[] };
    const next = new Map<string, KeyObject>();
    for (const jwk of keys) {
      // Only the key type the API accepts: ES256 on P-256.
      if (!jwk.kid || jwk.kty !== 'EC' || jwk.crv !== 'P-256') continue;
      try {
        next.set(jwk.kid, createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' }));
      } catch (error) {
        this.logger.warn({ err: error, kid: jwk.kid }, 'skipping an unreadable JWKS key');
      }
    }
    this.keys = next;
  }
}
