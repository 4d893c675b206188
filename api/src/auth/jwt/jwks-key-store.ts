import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BETTER_AUTH } from '../auth.constants.js';
import type { BetterAuth } from '../better-auth.factory.js';

/** Unknown `kid`s start at most one reload per interval, so forged kids cannot flood the database. */
export const MIN_RELOAD_INTERVAL_MS = 2_000;

interface PublicJwk {
  kid?: string;
  kty?: string;
  crv?: string;
  alg?: string;
  x?: string;
  y?: string;
}

interface Reload {
  startedAt: number;
  done: Promise<void>;
  settled: boolean;
}

/**
 * Better Auth's public signing keys, kept in the process. Verifying a JWT costs no I/O; a `kid`
 * we have not seen (the first key of a fresh deployment, or a key rotated in by another instance)
 * waits for a reload that began after the request arrived — the first such reload at once, later
 * ones no sooner than MIN_RELOAD_INTERVAL_MS after the previous start. Every waiting request
 * shares that one reload, so fifty first requests with a new key all succeed, and a flood of
 * forged kids costs one JWKS read per interval (each forged request waits, then is refused).
 */
@Injectable()
export class JwksKeyStore {
  private readonly logger = new Logger(JwksKeyStore.name);
  private keys = new Map<string, KeyObject>();
  private latest?: Reload;
  private next?: Promise<void>;

  constructor(@Inject(BETTER_AUTH) private readonly auth: BetterAuth) {}

  async publicKeyFor(kid: string): Promise<KeyObject | undefined> {
    const arrivedAt = Date.now();
    const known = this.keys.get(kid);
    if (known) return known;
    // A reload already under way may have started after the key was stored: its answer may do.
    if (this.latest && !this.latest.settled) {
      await this.latest.done.catch(() => undefined);
      const loaded = this.keys.get(kid);
      if (loaded) return loaded;
    }
    await this.reloadStartedSince(arrivedAt);
    return this.keys.get(kid);
  }

  /** Resolves once a reload that started after `time` has finished (same millisecond: not after). */
  private reloadStartedSince(time: number): Promise<void> {
    if (this.latest && this.latest.startedAt > time) return this.latest.done;
    if (!this.next) {
      const wait = this.latest ? this.latest.startedAt + MIN_RELOAD_INTERVAL_MS - Date.now() : 0;
      const due = wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
      this.next = due.then(() => {
        this.next = undefined;
        return this.startReload();
      });
    }
    return this.next;
  }

  private startReload(): Promise<void> {
    const reload: Reload = { startedAt: Date.now(), done: this.load(), settled: false };
    const settle = () => (reload.settled = true);
    reload.done.then(settle, settle);
    this.latest = reload;
    return reload.done;
  }

  private async load(): Promise<void> {
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
